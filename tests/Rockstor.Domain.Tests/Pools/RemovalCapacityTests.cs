using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Pools;

public sealed class RemovalCapacityTests
{
    private const long G = 1L << 30;

    [Theory]
    [InlineData(RaidLevel.Single, new long[] { 4, 2, 1 }, 7)]
    [InlineData(RaidLevel.Dup, new long[] { 4 }, 2)]
    [InlineData(RaidLevel.Raid1, new long[] { 4, 4 }, 4)]
    [InlineData(RaidLevel.Raid1, new long[] { 10, 1, 1 }, 2)]
    [InlineData(RaidLevel.Raid1, new long[] { 5, 3 }, 3)]
    [InlineData(RaidLevel.Raid1, new long[] { 4 }, 0)]
    [InlineData(RaidLevel.Raid1c3, new long[] { 10, 10, 1 }, 1)]
    [InlineData(RaidLevel.Raid1c3, new long[] { 3, 3, 3 }, 3)]
    [InlineData(RaidLevel.Raid10, new long[] { 2, 2, 2, 2 }, 4)]
    [InlineData(RaidLevel.Raid5, new long[] { 2, 2, 2 }, 4)]
    [InlineData(RaidLevel.Raid5, new long[] { 1, 2, 3 }, 3)]
    [InlineData(RaidLevel.Raid6, new long[] { 2, 2, 2, 2 }, 4)]
    public void What_disks_of_these_sizes_hold_at_a_level_follows_how_btrfs_places_copies(RaidLevel level, long[] gibibytes, long expected) =>
        Assert.Equal(expected * G, RemovalCapacity.Usable(level, gibibytes.Select(g => g * G).ToList()));
}
