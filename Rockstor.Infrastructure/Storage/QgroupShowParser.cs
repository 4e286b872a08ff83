using System.Globalization;

namespace Rockstor.Infrastructure.Storage;

/// <summary>Parses <c>btrfs qgroup show --raw</c> into referenced bytes by subvolume id (level-0 groups only).</summary>
internal static class QgroupShowParser
{
    public static IReadOnlyDictionary<long, long> Parse(string output)
    {
        var referenced = new Dictionary<long, long>();
        foreach (var raw in output.Split('\n'))
        {
            var columns = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 3 || !columns[0].StartsWith("0/", StringComparison.Ordinal))
            {
                continue;
            }

            if (long.TryParse(columns[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(columns[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                referenced[id] = bytes;
            }
        }

        return referenced;
    }
}
