using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Parsers;

public class SubvolumeShowParserTests
{
    [Fact]
    public void A_read_only_snapshot_shows_its_flags_parent_and_creation_time()
    {
        var subvolume = SubvolumeShowParser.Parse(TestData.Read("subvolume-show-readonly.txt"), ".snapshots/docs/0f3a-daily");

        Assert.True(subvolume.ReadOnly);
        Assert.Equal(257, subvolume.Id);
        Assert.Equal("ffee48f1-7f7f-d34e-b333-78cb637d2a48", subvolume.Uuid);
        Assert.Equal("24d965d1-1c9f-c548-97ca-8a39a749e201", subvolume.ParentUuid);
        Assert.Null(subvolume.ReceivedUuid);
        Assert.NotNull(subvolume.CreatedAt);
    }

    [Fact]
    public void A_received_subvolume_carries_the_source_uuid()
    {
        var subvolume = SubvolumeShowParser.Parse(TestData.Read("subvolume-show-received.txt"), "recv/0f3a-daily");

        Assert.True(subvolume.ReadOnly);
        Assert.Equal("ffee48f1-7f7f-d34e-b333-78cb637d2a48", subvolume.ReceivedUuid);
    }

    [Fact]
    public void A_share_is_writable()
    {
        var subvolume = SubvolumeShowParser.Parse(TestData.Read("subvolume-show-share.txt"), "docs");

        Assert.False(subvolume.ReadOnly);
        Assert.Null(subvolume.ParentUuid);
    }
}

public class FilesystemUsageParserTests
{
    [Fact]
    public void Raid1_size_is_half_the_raw_device_size()
    {
        var usage = FilesystemUsageParser.Parse(TestData.Read("filesystem-usage-raid1.txt"));

        Assert.Equal(1L << 30, usage.SizeBytes);
        Assert.Equal(13_074_432 / 2, usage.UsedBytes);
    }

    [Fact]
    public void Output_without_the_totals_is_rejected()
    {
        Assert.Throws<FormatException>(() => FilesystemUsageParser.Parse("Overall:\n"));
    }
}

public class QgroupShowParserTests
{
    [Fact]
    public void Referenced_bytes_are_read_per_subvolume_id()
    {
        var referenced = QgroupShowParser.Parse(TestData.Read("qgroup-show-raw.txt"));

        Assert.True(referenced[256] > 3_000_000, "the share holds a 3 MiB file");
        Assert.Contains(257L, referenced.Keys);
    }
}

public class LsblkParserTests
{
    [Fact]
    public void Devices_their_mount_points_and_sizes_are_read()
    {
        var devices = LsblkParser.Parse(TestData.Read("lsblk.json"));

        var system = devices.Single(d => d.Name == "vda");
        Assert.True(system.Holds("/"));
        Assert.Equal("disk", system.Type);
        var loop = devices.Single(d => d.Name == "loop1");
        Assert.False(loop.MountedAnywhere);
        Assert.Equal(1L << 30, loop.Size);
    }
}

public class MountTableTests
{
    [Fact]
    public void Btrfs_mount_points_are_found_by_path()
    {
        var entries = MountTable.Parse(TestData.Read("mountinfo.txt")).ToList();

        var btrfs = entries.Single(e => e.FsType == "btrfs");
        Assert.Equal(("/tmp/rk/m", "/dev/loop0"), (btrfs.MountPoint, btrfs.Source));
        Assert.Contains(entries, e => e.MountPoint == "/" && e.FsType == "ext4");
    }

    [Fact]
    public void Escaped_spaces_in_mount_points_are_decoded()
    {
        var entries = MountTable.Parse("43 27 0:39 / /mnt/a\\040b rw - btrfs /dev/loop0 rw").ToList();

        Assert.Equal("/mnt/a b", entries[0].MountPoint);
    }
}
