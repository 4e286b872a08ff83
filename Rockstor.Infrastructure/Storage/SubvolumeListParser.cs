using System.Globalization;

namespace Rockstor.Infrastructure.Storage;

/// <summary>One line of <c>btrfs subvolume list</c>, with whichever columns its flags asked for.</summary>
internal sealed record SubvolumeListEntry(
    long Id,
    string Path,
    string? Uuid,
    string? ParentUuid,
    string? ReceivedUuid,
    DateTimeOffset? OTime);

/// <summary>Parses the output of <c>btrfs subvolume list [-s] [-r] [-u] [-q] [-R]</c>.</summary>
internal static class SubvolumeListParser
{
    public static IReadOnlyList<SubvolumeListEntry> Parse(string output)
    {
        var entries = new List<SubvolumeListEntry>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0)
            {
                entries.Add(ParseLine(line));
            }
        }

        return entries;
    }

    private static SubvolumeListEntry ParseLine(string line)
    {
        // The path is last and may hold spaces, so it is cut off first.
        var pathAt = line.IndexOf(" path ", StringComparison.Ordinal);
        if (pathAt < 0)
        {
            throw new FormatException($"A btrfs subvolume list line has no path: '{line}'.");
        }

        var path = line[(pathAt + " path ".Length)..];
        var tokens = line[..pathAt].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long? id = null;
        string? uuid = null, parentUuid = null, receivedUuid = null;
        DateTimeOffset? otime = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            switch (tokens[i])
            {
                case "ID":
                    id = long.Parse(tokens[++i], CultureInfo.InvariantCulture);
                    break;
                case "uuid":
                    uuid = Uuid(tokens[++i]);
                    break;
                case "parent_uuid":
                    parentUuid = Uuid(tokens[++i]);
                    break;
                case "received_uuid":
                    receivedUuid = Uuid(tokens[++i]);
                    break;
                case "otime":
                    otime = ParseTime(tokens[i + 1], tokens[i + 2]);
                    i += 2;
                    break;
                case "top":
                    i += 2; // "top level N"
                    break;
                case "gen" or "cgen" or "parent":
                    i++;
                    break;
                default:
                    throw new FormatException($"Unexpected '{tokens[i]}' in a btrfs subvolume list line: '{line}'.");
            }
        }

        return new SubvolumeListEntry(
            id ?? throw new FormatException($"A btrfs subvolume list line has no ID: '{line}'."),
            path,
            uuid,
            parentUuid,
            receivedUuid,
            otime);
    }

    /// <summary>btrfs prints '-' for a uuid that is not set.</summary>
    internal static string? Uuid(string value) => value is "-" || value.Length == 0 ? null : value;

    /// <summary>btrfs list prints otime in the process's time zone (UTC, see CommandRunner) without an offset ("2026-11-24 10:41:16"); '-' when unknown.</summary>
    internal static DateTimeOffset? ParseTime(string date, string time)
    {
        if (date == "-")
        {
            return null;
        }

        return DateTimeOffset.ParseExact(
            $"{date} {time}",
            "yyyy-MM-dd HH:mm:ss",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
    }
}
