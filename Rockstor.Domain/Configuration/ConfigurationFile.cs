using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Configuration;

/// <summary>
/// The configuration file's format (ADR-039): one line of JSON, the header, then the payload encrypted
/// with AES-256-GCM under a key derived from the passphrase with PBKDF2-SHA256 and a random salt. The
/// header's fields are the cipher's associated data, so a changed header opens no more than a changed byte
/// of the payload does.
/// </summary>
public static class ConfigurationFile
{
    public const string Format = "rockstor-config";
    public const int Version = 1;
    public const string Kdf = "PBKDF2-SHA256";
    public const string Extension = ".rockstor-config";

    /// <summary>OWASP's 2023 figure for PBKDF2 with SHA-256.</summary>
    public const int Iterations = 600_000;

    /// <summary>A file asking for more is refused rather than kept busy deriving.</summary>
    public const int MaximumIterations = 10_000_000;

    public const string WrongPassphrase = "The passphrase does not open this file.";

    private const int SaltBytes = 16;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int KeyBytes = 32;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The file for <paramref name="payload"/>, encrypted under <paramref name="passphrase"/>.</summary>
    public static byte[] Seal(byte[] payload, string passphrase, string applianceId, string? hostname, DateTimeOffset exportedAt, int iterations = Iterations)
    {
        ConfigurationPassphrase.Validate(passphrase);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var header = new ConfigurationHeader(Format, Version, applianceId, hostname, exportedAt, Kdf, iterations, Convert.ToBase64String(salt), Convert.ToBase64String(nonce), "");
        var key = DeriveKey(passphrase, salt, iterations);
        var cipher = new byte[payload.Length];
        var tag = new byte[TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(nonce, payload, cipher, tag, AssociatedData(header));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var line = JsonSerializer.SerializeToUtf8Bytes(header with { Tag = Convert.ToBase64String(tag) }, Json);
        var file = new byte[line.Length + 1 + cipher.Length];
        line.CopyTo(file, 0);
        file[line.Length] = (byte)'\n';
        cipher.CopyTo(file, line.Length + 1);
        return file;
    }

    /// <summary>The header, read without the passphrase; a sentence when the file is not a configuration file.</summary>
    public static ConfigurationHeader ReadHeader(byte[] file)
    {
        var end = Array.IndexOf(file, (byte)'\n');
        ConfigurationHeader? header = null;
        if (end > 0)
        {
            try
            {
                header = JsonSerializer.Deserialize<ConfigurationHeader>(file.AsSpan(0, end), Json);
            }
            catch (JsonException)
            {
                header = null;
            }
        }

        if (header is null || header.Format != Format)
        {
            throw new ValidationException("This is not a Rockstor configuration file.");
        }

        if (header.Version != Version)
        {
            throw new ValidationException($"This configuration file is of version {header.Version}; this appliance reads version {Version}.");
        }

        if (header.Kdf != Kdf || header.Iterations is < Iterations or > MaximumIterations)
        {
            throw new ValidationException("This configuration file's key derivation is not one this appliance accepts.");
        }

        return header;
    }

    /// <summary>The payload; <see cref="WrongPassphrase"/> when the passphrase is not the file's or a byte of it was changed.</summary>
    public static byte[] Open(byte[] file, string passphrase)
    {
        var header = ReadHeader(file);
        var end = Array.IndexOf(file, (byte)'\n');
        byte[] salt, nonce, tag;
        try
        {
            salt = Convert.FromBase64String(header.Salt);
            nonce = Convert.FromBase64String(header.Nonce);
            tag = Convert.FromBase64String(header.Tag);
        }
        catch (Exception e) when (e is FormatException or ArgumentNullException)
        {
            throw new ValidationException("This configuration file's header is damaged.");
        }

        if (salt.Length != SaltBytes || nonce.Length != NonceBytes || tag.Length != TagBytes)
        {
            throw new ValidationException("This configuration file's header is damaged.");
        }

        var cipher = file.AsSpan(end + 1);
        var payload = new byte[cipher.Length];
        var key = DeriveKey(passphrase, salt, header.Iterations);
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(nonce, cipher, tag, payload, AssociatedData(header with { Tag = "" }));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new ValidationException(WrongPassphrase);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return payload;
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, KeyBytes);

    /// <summary>The header without its tag, as the cipher's associated data.</summary>
    private static byte[] AssociatedData(ConfigurationHeader header) => JsonSerializer.SerializeToUtf8Bytes(header with { Tag = "" }, Json);
}
