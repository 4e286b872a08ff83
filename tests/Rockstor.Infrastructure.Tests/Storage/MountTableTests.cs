using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

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
