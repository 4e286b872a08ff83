using System.Security.Cryptography;

namespace Rockstor.Testing;

/// <summary>A file's SHA-256, to compare what a client sent with what arrived.</summary>
public static class FileHash
{
    /// <summary>The SHA-256 of the file's bytes, in hexadecimal.</summary>
    public static string Of(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
