using System.Globalization;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs filesystem usage -b</c>. The pool's size is the raw device size divided by the data
/// raid ratio (what can be stored); used is the bytes btrfs reports in use, divided by the same ratio.
/// </summary>
internal static class FilesystemUsageParser
{
    public static FilesystemUsage Parse(string output)
    {
        long? deviceSize = null, used = null;
        double? dataRatio = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim().Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (value is null)
            {
                continue;
            }

            switch (key)
            {
                case "Device size":
                    deviceSize = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "Used":
                    used ??= long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "Data ratio":
                    dataRatio = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (deviceSize is null || used is null || dataRatio is null or <= 0)
        {
            throw new FormatException("btrfs filesystem usage printed no device size, used bytes or data ratio.");
        }

        return new FilesystemUsage((long)(deviceSize.Value / dataRatio.Value), (long)(used.Value / dataRatio.Value)) { RawUsedBytes = used.Value };
    }
}
