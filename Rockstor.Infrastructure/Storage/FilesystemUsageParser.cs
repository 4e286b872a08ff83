using System.Globalization;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs filesystem usage -b</c>. The pool's size is the raw device size divided by the data
/// raid ratio (what can be stored); used is that size less btrfs's own free estimate.
/// </summary>
internal static class FilesystemUsageParser
{
    public static FilesystemUsage Parse(string output)
    {
        long? deviceSize = null, freeEstimated = null;
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
                case "Free (estimated)":
                    freeEstimated = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "Data ratio":
                    dataRatio = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (deviceSize is null || freeEstimated is null || dataRatio is null or <= 0)
        {
            throw new FormatException("btrfs filesystem usage printed no device size, free estimate or data ratio.");
        }

        var size = (long)(deviceSize.Value / dataRatio.Value);
        return new FilesystemUsage(size, Math.Max(0, size - freeEstimated.Value));
    }
}
