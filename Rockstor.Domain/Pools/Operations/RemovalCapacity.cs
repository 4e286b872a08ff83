using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// How much a set of devices can hold at a raid level, the way btrfs fills them: a mirrored chunk needs
/// its copies on different devices, a striped one takes a slice of every device that has room. Used to
/// refuse removing a disk when the rest could not hold what the pool stores.
/// </summary>
public static class RemovalCapacity
{
    /// <summary>Bytes of data the devices of these sizes can hold at the level.</summary>
    public static long Usable(RaidLevel level, IReadOnlyList<long> deviceSizes)
    {
        var free = deviceSizes.Where(s => s > 0).ToArray();
        if (free.Length == 0)
        {
            return 0;
        }

        var total = free.Sum();
        return level switch
        {
            RaidLevel.Single or RaidLevel.Raid0 => total,
            RaidLevel.Dup => total / 2,
            RaidLevel.Raid1 or RaidLevel.Raid10 => Mirrored(free, 2),
            RaidLevel.Raid1c3 => Mirrored(free, 3),
            RaidLevel.Raid1c4 => Mirrored(free, 4),
            RaidLevel.Raid5 => Striped(free, 1),
            RaidLevel.Raid6 => Striped(free, 2),
            _ => 0,
        };
    }

    /// <summary>
    /// Copies on <paramref name="copies"/> different devices: the largest device can give at most as much
    /// as the others together can mirror; repeated until it fits.
    /// </summary>
    private static long Mirrored(long[] sizes, int copies)
    {
        var sorted = sizes.OrderByDescending(s => s).ToList();
        if (sorted.Count < copies)
        {
            return 0;
        }

        // The capacity c satisfies: c * copies <= total, and every device gives at most c.
        var total = sorted.Sum();
        var capacity = total / copies;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i] <= capacity)
            {
                break;
            }

            // This device cannot give more than capacity: take it out and share the rest among one copy fewer.
            var rest = sorted.Skip(i + 1).Sum();
            var remainingCopies = copies - (i + 1);
            if (remainingCopies <= 0)
            {
                return capacity;
            }

            capacity = Math.Min(capacity, rest / remainingCopies);
        }

        return capacity;
    }

    /// <summary>Stripes over every device with room, <paramref name="parity"/> slices of each stripe being parity.</summary>
    private static long Striped(long[] sizes, int parity)
    {
        var left = sizes.OrderBy(s => s).ToList();
        long data = 0, used = 0;
        for (var i = 0; i < left.Count; i++)
        {
            var width = left.Count - i;
            if (width < parity + 1)
            {
                break;
            }

            var slice = left[i] - used;
            data += slice * (width - parity);
            used = left[i];
        }

        return data;
    }
}
