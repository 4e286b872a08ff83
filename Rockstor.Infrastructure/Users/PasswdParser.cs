using System.Globalization;
using Rockstor.Domain.Users;

namespace Rockstor.Infrastructure.Users;

/// <summary>Reads the lines of /etc/passwd (name:x:uid:gid:comment:home:shell); lines that do not fit are skipped.</summary>
public static class PasswdParser
{
    public static IReadOnlyList<SystemUser> Parse(string text)
    {
        var users = new List<SystemUser>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length != 7 || fields[0].Length == 0
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                continue;
            }

            var fullName = fields[4].Split(',')[0];
            users.Add(new SystemUser(fields[0], uid, gid, fullName, fields[5], fields[6]));
        }

        return users;
    }
}
