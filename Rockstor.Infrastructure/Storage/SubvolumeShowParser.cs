using System.Globalization;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>Parses the output of <c>btrfs subvolume show PATH</c>.</summary>
internal static class SubvolumeShowParser
{
    public static Subvolume Parse(string output, string relativePath)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !char.IsWhiteSpace(raw[0]))
            {
                continue;
            }

            fields.TryAdd(raw[..colon].Trim(), raw[(colon + 1)..].Trim());
        }

        string Field(string name) =>
            fields.TryGetValue(name, out var value) ? value : throw new FormatException($"btrfs subvolume show printed no '{name}'.");

        var created = Field("Creation time");
        return new Subvolume(
            long.Parse(Field("Subvolume ID"), CultureInfo.InvariantCulture),
            relativePath,
            Field("UUID"),
            SubvolumeListParser.Uuid(Field("Parent UUID")),
            SubvolumeListParser.Uuid(Field("Received UUID")),
            Field("Flags").Split(',', StringSplitOptions.TrimEntries).Contains("readonly"),
            created == "-" ? null : DateTimeOffset.ParseExact(created, "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
    }
}
