using System.Globalization;
using Rockstor.Domain.Dashboard.Machine;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>
/// Reads each whole disk's read and written bytes from <c>/proc/diskstats</c> (sectors of 512 bytes,
/// whatever the disk's own sector size). Whole disks are those <c>/sys/block</c> names; RAM disks (ram,
/// zram) and devices that never did any I/O (unused loop and nbd devices, an empty CD drive) are left out.
/// Device-mapper and md devices are kept: their I/O is also their disks', as the kernel counts it.
/// </summary>
internal static class DiskstatsParser
{
    private const long SectorBytes = 512;

    public static IReadOnlyList<DiskCounters> Parse(string diskstats, IReadOnlySet<string> wholeDisks)
    {
        var disks = new List<DiskCounters>();
        foreach (var line in diskstats.Split('\n'))
        {
            // major minor name reads merged sectors-read ms writes merged sectors-written ms …
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 10)
            {
                continue;
            }

            var name = columns[2];
            if (!wholeDisks.Contains(name) || name.StartsWith("ram", StringComparison.Ordinal) || name.StartsWith("zram", StringComparison.Ordinal))
            {
                continue;
            }

            var (reads, sectorsRead) = (Number(columns[3]), Number(columns[5]));
            var (writes, sectorsWritten) = (Number(columns[7]), Number(columns[9]));
            if (reads == 0 && writes == 0)
            {
                continue;
            }

            disks.Add(new DiskCounters(name, sectorsRead * SectorBytes, sectorsWritten * SectorBytes));
        }

        return disks;
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
