using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public sealed class BlkidProbeTests
{
    [Fact]
    public void A_btrfs_filesystem_is_read_with_its_uuid()
    {
        // Captured: `blkid -p -o export` of a loop device after `mkfs.btrfs -L handmade`.
        var probe = BlkidProbe.Parse(0, TestData.Read("blkid-btrfs.txt"));

        Assert.Equal((true, "btrfs", "37e3d777-8d41-488d-b4f4-b73d24dd0a5e", (string?)null), (probe.Probed, probe.Type, probe.Uuid, probe.PartitionTable));
        Assert.True(probe.FoundAnything);
    }

    [Fact]
    public void A_partition_table_alone_is_found_without_a_filesystem() =>
        Assert.Equal(new BlkidProbe(true, null, null, "gpt"), BlkidProbe.Parse(0, "DEVNAME=/dev/sdb\nPTUUID=5b3c\nPTTYPE=gpt\n"));

    [Fact]
    public void Nothing_found_and_a_device_that_cannot_be_read_are_told_apart()
    {
        Assert.Equal((true, false), (BlkidProbe.Parse(2, "").Probed, BlkidProbe.Parse(2, "").FoundAnything));
        Assert.False(BlkidProbe.Parse(4, "").Probed);
    }
}
