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

    /// <summary>
    /// Whether <paramref name="mountPoint"/> shows <paramref name="folder"/> as it is now: same filesystem,
    /// and the folder's path in it (mountinfo's root field) is the one the mount shows. A bind whose folder
    /// was renamed away or deleted (a share rolled back to a snapshot) no longer matches.
    /// </summary>
    public bool IsBindOf(string mountPoint, string folder)
    {
        var entries = ReadRoots().ToList();
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var bind = entries.LastOrDefault(e => e.MountPoint == target);
        var holder = entries.Where(e => e.MountPoint != target && (source == e.MountPoint || source.StartsWith(e.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderBy(e => e.MountPoint.Length)
            .LastOrDefault();
        if (bind.MountPoint is null || holder.MountPoint is null || bind.Device != holder.Device)
        {
            return false;
        }

        var expected = holder.Root.TrimEnd('/') + source[holder.MountPoint.TrimEnd('/').Length..];
        return bind.Root == (expected.Length > 0 ? expected : "/");
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

    /// <summary>Each mount's point, device (major:minor) and root (the path inside its filesystem it shows).</summary>
    private IEnumerable<(string MountPoint, string Device, string Root)> ReadRoots()
    {
        foreach (var line in File.ReadAllText(mountInfoPath).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4)
            {
                yield return (Unescape(fields[4]), fields[2], Unescape(fields[3]));
            }
        }
    }
}
