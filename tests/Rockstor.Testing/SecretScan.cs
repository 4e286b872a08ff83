using System.Text;

namespace Rockstor.Testing;

/// <summary>
/// Looks for secrets in every file under a folder, as `strings | grep` would, byte for byte: in UTF-8
/// (what LiteDB, logs and JSON write) and in UTF-16 (what .NET keeps in memory, should it ever be dumped).
/// </summary>
public static class SecretScan
{
    /// <summary>"file: secret" for each file under the folder that holds one of the secrets; empty when none does.</summary>
    public static IReadOnlyList<string> FilesHolding(string folder, params string[] secrets)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (FileNotFoundException)
            {
                continue; // a journal the running appliance deleted meanwhile
            }

            found.AddRange(secrets.Where(s => Holds(bytes, s)).Select(s => $"{Path.GetRelativePath(folder, file)}: {s}"));
        }

        return found;
    }

    public static bool Holds(ReadOnlySpan<byte> bytes, string secret) =>
        bytes.IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0;
}
