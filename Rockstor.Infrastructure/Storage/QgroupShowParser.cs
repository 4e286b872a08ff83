using System.Globalization;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>Parses <c>btrfs qgroup show --raw</c> into referenced and exclusive bytes by subvolume id (level-0 groups only).</summary>
internal static class QgroupShowParser
{
    public static IReadOnlyDictionary<long, QgroupSize> Parse(string output)
    {
        var sizes = new Dictionary<long, QgroupSize>();
        foreach (var raw in output.Split('\n'))
        {
            var columns = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 3 || !columns[0].StartsWith("0/", StringComparison.Ordinal))
            {
                continue;
            }

            if (long.TryParse(columns[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(columns[1], NumberStyles.None, CultureInfo.InvariantCulture, out var referenced)
                && long.TryParse(columns[2], NumberStyles.None, CultureInfo.InvariantCulture, out var exclusive))
            {
                sizes[id] = new QgroupSize(referenced, exclusive);
            }
        }

        return sizes;
    }
}
