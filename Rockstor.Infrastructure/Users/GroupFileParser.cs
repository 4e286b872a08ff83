using System.Globalization;
using Rockstor.Domain.Users;

namespace Rockstor.Infrastructure.Users;

/// <summary>Reads the lines of /etc/group (name:x:gid:member,member); lines that do not fit are skipped.</summary>
public static class GroupFileParser
{
    public static IReadOnlyList<SystemGroup> Parse(string text)
    {
        var groups = new List<SystemGroup>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length != 4 || fields[0].Length == 0
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                continue;
            }

            groups.Add(new SystemGroup(fields[0], gid, fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }

        return groups;
    }
}
