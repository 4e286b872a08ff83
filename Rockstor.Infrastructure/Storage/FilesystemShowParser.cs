using System.Globalization;
using System.Text.RegularExpressions;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs filesystem show --raw</c>: the device lines (id, size, used, and path or MISSING), and
/// the header ("Label: 'x'" or "Label: none", "Total devices N").
/// </summary>
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

    public static Rockstor.Domain.Storage.FilesystemSummary ParseSummary(string output)
    {
        var label = Label().Match(output);
        var total = TotalDevices().Match(output);
        if (!total.Success)
        {
            throw new FormatException("btrfs filesystem show printed no device count.");
        }

        return new Rockstor.Domain.Storage.FilesystemSummary(
            label.Success ? label.Groups["label"].Value : null,
            int.Parse(total.Groups["total"].Value, CultureInfo.InvariantCulture),
            Parse(output).Where(d => d.Path is not null).Select(d => d.Path!).ToList());
    }

    [GeneratedRegex(@"Label: '(?<label>[^']*)'")]
    private static partial Regex Label();

    [GeneratedRegex(@"Total devices (?<total>\d+)")]
    private static partial Regex TotalDevices();

    [GeneratedRegex(@"^\s*devid\s+(?<id>\d+)\s+size\s+(?<size>\d+)\s+used\s+(?<used>\d+)\s+path\s*(?<path>.*)$")]
    private static partial Regex DeviceLine();
}
