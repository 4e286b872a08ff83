using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs filesystem df -b</c>: "Data, RAID1: total=…, used=…" per kind and profile. System
/// chunks follow metadata and the global reserve is not a chunk kind, so both are left out. A small
/// filesystem made with mixed block groups has "Data+Metadata" chunks: both kinds at once.
/// </summary>
internal static class ChunkProfilesParser
{
    public static ChunkProfiles Parse(string output)
    {
        var data = new List<string>();
        var metadata = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (colon < 0 || comma < 0 || comma > colon)
            {
                continue;
            }

            var kind = line[..comma].Trim();
            var profile = line[(comma + 1)..colon].Trim().ToLowerInvariant();
            List<string>[] targets = kind switch
            {
                "Data" => [data],
                "Metadata" => [metadata],
                "Data+Metadata" => [data, metadata],
                _ => [],
            };
            foreach (var target in targets.Where(t => !t.Contains(profile, StringComparer.Ordinal)))
            {
                target.Add(profile);
            }
        }

        if (data.Count == 0 || metadata.Count == 0)
        {
            throw new FormatException("btrfs filesystem df printed no data or metadata profile.");
        }

        return new ChunkProfiles(data, metadata);
    }
}
