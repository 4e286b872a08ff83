using System.Globalization;
using System.Text.RegularExpressions;

namespace Rockstor.Infrastructure.Storage;

/// <summary>Parses the device lines of <c>btrfs filesystem show --raw</c>: id, size, used, and path or MISSING.</summary>
internal static partial class FilesystemShowParser
{
    public static IReadOnlyList<(int DevId, long Size, long Used, string? Path)> Parse(string output)
    {
        var devices = new List<(int, long, long, string?)>();
        foreach (var raw in output.Split('\n'))
        {
            var match = DeviceLine().Match(raw);
            if (match.Success)
            {
                var path = match.Groups["path"].Value.Trim();
                devices.Add((
                    int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["used"].Value, CultureInfo.InvariantCulture),
                    path.Length == 0 || path.Contains("MISSING", StringComparison.Ordinal) ? null : path));
            }
        }

        return devices;
    }

    [GeneratedRegex(@"^\s*devid\s+(?<id>\d+)\s+size\s+(?<size>\d+)\s+used\s+(?<used>\d+)\s+path\s*(?<path>.*)$")]
    private static partial Regex DeviceLine();
}
