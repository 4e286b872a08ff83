using Rockstor.Domain.Storage;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Disks;

/// <summary>The machine's disks listed two ways, over a loop device the test attached and formatted.</summary>
public sealed class DiskListingTests : IDisposable
{
    private readonly StorageHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Listing_the_disks_without_reading_them_names_the_same_disks_and_leaves_what_they_hold_unknown()
    {
        var disk = _host.Sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.btrfs", "-q", disk);
        var devices = _host.Get<IBlockDevices>();

        var read = await devices.ListDisksAsync(_host.Lifetime);
        var unread = await devices.ListDisksUnreadAsync(_host.Lifetime);

        Assert.Equal(read.Select(d => (d.Path, d.SizeBytes, d.Serial)), unread.Select(d => (d.Path, d.SizeBytes, d.Serial)));
        var probed = read.Single(d => d.Path == disk);
        var listed = unread.Single(d => d.Path == disk);
        Assert.Equal(("btrfs", true), (probed.FilesystemType, probed.Probed));
        Assert.Equal((null, false), (listed.FilesystemType, listed.Probed));
    }
}
