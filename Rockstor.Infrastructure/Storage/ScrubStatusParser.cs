using System.Globalization;
using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs scrub status -R</c>: a "Status:" line (absent, with "no stats available", before the
/// first status is written) and raw counters. Found errors are the read, checksum, verify and superblock
/// errors; btrfs counts what it repaired and what it could not separately.
/// </summary>
internal static class ScrubStatusParser
{
    public static ScrubStatus Parse(string output)
    {
        var state = ScrubState.None;
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "Status")
            {
                state = value switch
                {
                    "running" => ScrubState.Running,
                    "finished" => ScrubState.Finished,
                    "aborted" => ScrubState.Aborted,
                    "interrupted" => ScrubState.Interrupted,
                    _ => throw new FormatException($"btrfs scrub status printed an unknown status '{value}'."),
                };
            }
            else if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                counters[key] = number;
            }
        }

        long Count(string name) => counters.GetValueOrDefault(name);
        return new ScrubStatus(
            state,
            Count("data_bytes_scrubbed") + Count("tree_bytes_scrubbed"),
            Count("read_errors") + Count("csum_errors") + Count("verify_errors") + Count("super_errors"),
            Count("corrected_errors"),
            Count("uncorrectable_errors"));
    }
}
