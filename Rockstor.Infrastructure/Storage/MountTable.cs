namespace Rockstor.Infrastructure.Storage;

/// <summary>Reads the kernel's mount table (/proc/self/mountinfo) without starting a process.</summary>
public sealed class MountTable(string mountInfoPath = "/proc/self/mountinfo")
{
    public bool IsBtrfsMountPoint(string path) =>
        Read().Any(m => m.FsType == "btrfs" && m.MountPoint == Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    /// <summary>Every mount point at or under the given directory.</summary>
    public IReadOnlyList<string> MountPointsUnder(string directory)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return Read()
            .Select(m => m.MountPoint)
            .Where(p => p == root || p.StartsWith(root + "/", StringComparison.Ordinal))
            .ToList();
    }

    internal IEnumerable<(string MountPoint, string FsType, string Source)> Read() =>
        Parse(File.ReadAllText(mountInfoPath));

    internal static IEnumerable<(string MountPoint, string FsType, string Source)> Parse(string mountInfo)
    {
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var before = line[..separator].Split(' ');
            var after = line[(separator + 3)..].Split(' ');
            if (before.Length < 5 || after.Length < 2)
            {
                continue;
            }

            yield return (Unescape(before[4]), after[0], Unescape(after[1]));
        }
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as octal escapes.</summary>
    private static string Unescape(string value) =>
        value.Replace("\\040", " ", StringComparison.Ordinal)
            .Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal)
            .Replace("\\134", "\\", StringComparison.Ordinal);
}
