using System.Globalization;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs device stats</c>: "[/dev/sdb].read_io_errs 0" lines, by device path, or by
/// "devid:N" for a missing device.
/// </summary>
internal static class DeviceStatsParser
{
    public static IReadOnlyDictionary<string, DeviceErrors> Parse(string output)
    {
        var counters = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var close = raw.IndexOf("].", StringComparison.Ordinal);
            var columns = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (!raw.StartsWith('[') || close < 0 || columns.Length < 2
                || !long.TryParse(columns[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var device = raw[1..close];
            var counter = raw[(close + 2)..].Split([' ', '\t'], 2)[0];
            if (!counters.TryGetValue(device, out var ofDevice))
            {
                counters[device] = ofDevice = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            ofDevice[counter] = value;
        }

        return counters.ToDictionary(
            c => c.Key,
            c => new DeviceErrors(
                c.Value.GetValueOrDefault("write_io_errs"),
                c.Value.GetValueOrDefault("read_io_errs"),
                c.Value.GetValueOrDefault("flush_io_errs"),
                c.Value.GetValueOrDefault("corruption_errs"),
                c.Value.GetValueOrDefault("generation_errs")),
            StringComparer.Ordinal);
    }
}
