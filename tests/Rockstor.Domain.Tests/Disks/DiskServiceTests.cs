using Rockstor.Domain.Common;
using Rockstor.Domain.Disks;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Disks;

public sealed class DiskServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<Appliance> WithDisksAsync()
    {
        var nas = await Appliance.StartAloneAsync(); // its pool "tank" is on an image file
        var tank = ((IPoolRepository)nas.Records).List().Single();
        nas.Devices.Disks.AddRange(
        [
            new BlockDevice("/dev/sda", 64L << 30, "SSD", "S1", "it holds the system") { IsSystem = true, Mounted = true, HasPartitions = true },
            new BlockDevice("/dev/sdb", 4L << 40, "HDD", "H1", "it holds a btrfs filesystem") { FilesystemType = "btrfs", FilesystemUuid = tank.Uuid },
            new BlockDevice("/dev/sdc", 4L << 40, "HDD", "H2", "it holds a btrfs filesystem") { FilesystemType = "btrfs", FilesystemUuid = "9d1c7d0e-0000-4000-8000-000000000001" },
            new BlockDevice("/dev/sdd", 2L << 40, "HDD", "H3", "it holds a ext4 filesystem") { FilesystemType = "ext4", FilesystemUuid = "e4" },
            new BlockDevice("/dev/sde", 2L << 40, "HDD", "H4", "it holds a partition table or a filesystem") { HasPartitions = true },
            new BlockDevice("/dev/sdf", 2L << 40, "HDD", "H5", null),
            new BlockDevice("/dev/sdg", 2L << 40, "HDD", "H6", "it is mounted") { FilesystemType = "xfs", Mounted = true },
        ]);
        return nas;
    }

    [Fact]
    public async Task Each_disk_says_what_it_holds_and_a_pool_s_names_the_pool()
    {
        var nas = await WithDisksAsync();

        var disks = await nas.Disks.ListAsync(None);

        Assert.Equal(
            [
                ("/dev/sda", DiskHolds.System, null), ("/dev/sdb", DiskHolds.Pool, "tank"), ("/dev/sdc", DiskHolds.ForeignBtrfs, null),
                ("/dev/sdd", DiskHolds.Filesystem, null), ("/dev/sde", DiskHolds.Filesystem, null), ("/dev/sdf", DiskHolds.Empty, null),
                ("/dev/sdg", DiskHolds.Filesystem, (string?)null),
            ],
            disks.Select(d => (d.Disk.Path, d.Holds, d.Pool)));
        Assert.Equal("a btrfs filesystem this appliance does not know (uuid 9d1c7d0e-0000-4000-8000-000000000001)", disks[2].WhatItHolds);
        Assert.Equal("a partition table or partitions", disks[4].WhatItHolds);
    }

    [Fact]
    public async Task A_disk_is_wiped_only_when_its_path_is_given_again_and_it_holds_nothing_of_the_appliance_or_the_system()
    {
        var nas = await WithDisksAsync();

        var unconfirmed = await Assert.ThrowsAsync<ValidationException>(() => nas.Disks.WipeAsync("sdc", "sdc?", None));
        var system = await Assert.ThrowsAsync<ConflictException>(() => nas.Disks.WipeAsync("/dev/sda", "/dev/sda", None));
        var pool = await Assert.ThrowsAsync<ConflictException>(() => nas.Disks.WipeAsync("sdb", "/dev/sdb", None));
        var mounted = await Assert.ThrowsAsync<ConflictException>(() => nas.Disks.WipeAsync("sdg", "/dev/sdg", None));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => nas.Disks.WipeAsync("sdz", "/dev/sdz", None));
        Assert.Empty(nas.Devices.Wiped);

        var wiped = await nas.Disks.WipeAsync("sdc", "/dev/sdc", None);

        Assert.Equal("To wipe /dev/sdc, which holds a btrfs filesystem this appliance does not know (uuid 9d1c7d0e-0000-4000-8000-000000000001), confirm with its path (/dev/sdc).", unconfirmed.Message);
        Assert.Equal("/dev/sda holds the machine's system: it is never wiped here.", system.Message);
        Assert.Equal("/dev/sdb is a device of the pool 'tank': remove it from the pool, or delete the pool, first.", pool.Message);
        Assert.Equal("/dev/sdg is mounted: unmount it first.", mounted.Message);
        Assert.Equal("There is no disk 'sdz'.", missing.Message);
        Assert.Equal(["/dev/sdc"], nas.Devices.Wiped);
        Assert.Equal((DiskHolds.Empty, true), (wiped.Holds, wiped.Disk.Usable));
    }

    [Fact]
    public async Task A_disk_that_cannot_be_read_is_never_wiped_and_a_pool_s_disk_with_a_damaged_superblock_is_still_the_pool_s()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Devices.Disks.Add(new BlockDevice("/dev/sdh", 2L << 40, "HDD", "H7", null));
        await nas.Pools.CreateAsync(new CreateDiskPool("ondisks", RaidLevel.Single, ["/dev/sdh"]), None);
        nas.Devices.Disks.Clear();
        nas.Devices.Disks.AddRange(
        [
            new BlockDevice("/dev/sdh", 2L << 40, "HDD", "H7", null), // blkid no longer finds the pool's filesystem on it
            new BlockDevice("/dev/sdi", 2L << 40, "HDD", "H8", "it could not be probed") { Probed = false },
        ]);

        var disks = await nas.Disks.ListAsync(None);
        var damaged = await Assert.ThrowsAsync<ConflictException>(() => nas.Disks.WipeAsync("sdh", "/dev/sdh", None));
        var unreadable = await Assert.ThrowsAsync<ConflictException>(() => nas.Disks.WipeAsync("sdi", "/dev/sdi", None));

        Assert.Equal([(DiskHolds.Pool, "ondisks"), (DiskHolds.Unknown, (string?)null)], disks.Select(d => (d.Holds, d.Pool)));
        Assert.StartsWith("/dev/sdh is a device of the pool 'ondisks'", damaged.Message, StringComparison.Ordinal);
        Assert.Equal("/dev/sdi could not be read, so what it holds is unknown: it is not wiped.", unreadable.Message);
        Assert.Empty(nas.Devices.Wiped);
    }
}
