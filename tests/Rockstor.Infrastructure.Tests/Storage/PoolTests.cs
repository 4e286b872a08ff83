using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Storage;

public sealed class PoolTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public PoolTests() => _ct = _host.Lifetime;

    [Fact(Timeout = 120_000)]
    public async Task An_image_pool_is_made_mounted_and_listed_with_its_size()
    {
        var view = await _host.CreateImagePoolAsync("0pool");

        Assert.True(view.Mounted);
        Assert.Equal(Path.Combine(_host.Sandbox.MountRoot, "0pool"), view.MountPoint);
        Assert.InRange(view.SizeBytes, 900L << 20, 1L << 30);
        Assert.True(File.Exists(Assert.Single(view.Pool.ImageFiles)));
        Assert.Contains(view.MountPoint, Sandbox.MountsUnder(_host.Sandbox.MountRoot));
        var listed = Assert.Single(await _host.Pools.ListAsync(_ct));
        Assert.Equal(("0pool", RaidLevel.Single), (listed.Pool.Name, listed.Pool.RaidLevel));
    }

    [Fact(Timeout = 120_000)]
    public async Task Deleting_an_image_pool_unmounts_it_detaches_the_loop_device_and_removes_the_image()
    {
        var view = await _host.CreateImagePoolAsync();

        await _host.Pools.DeleteAsync("pool1", deleteShares: false, _ct);

        Assert.Empty(await _host.Pools.ListAsync(_ct));
        Assert.Empty(Sandbox.MountsUnder(_host.Sandbox.MountRoot));
        Assert.Empty(Sandbox.LoopDevicesUnder(_host.Sandbox.DataDirectory));
        Assert.False(File.Exists(view.Pool.ImageFiles[0]));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pool_whose_filesystem_something_still_holds_is_not_wiped_and_is_deleted_once_it_is_let_go()
    {
        var view = await _host.CreateImagePoolAsync("held");
        await _host.Shares.CreateAsync("held", "docs", _ct);
        var share = Path.Combine(view.MountPoint, "docs");
        await File.WriteAllTextAsync(Path.Combine(share, "kept.txt"), "still here", _ct);
        var bind = Directory.CreateDirectory(Path.Combine(_host.Sandbox.Root, "bind")).FullName;
        Sandbox.Run("mount", "--bind", share, bind); // as a file server's bind of the share would
        var mountTable = new Rockstor.Infrastructure.Storage.MountTable();
        Assert.True(mountTable.IsBindOf(bind, share));
        Assert.False(mountTable.IsBindOf(bind, view.MountPoint));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => _host.Pools.DeleteAsync("held", deleteShares: true, _ct));

        Assert.Contains("still in use", refused.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(view.Pool.ImageFiles[0]));
        Assert.Equal("still here", await File.ReadAllTextAsync(Path.Combine(bind, "kept.txt"), _ct));

        Sandbox.Run("umount", bind);
        await _host.Pools.DeleteAsync("held", deleteShares: true, _ct);

        Assert.Empty(await _host.Pools.ListAsync(_ct));
        Assert.False(File.Exists(view.Pool.ImageFiles[0]));
        Assert.Empty(Sandbox.LoopDevicesUnder(_host.Sandbox.DataDirectory));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_raid1_pool_on_two_image_files_keeps_a_file_on_each_is_mounted_again_after_a_restart_and_deleted_with_both()
    {
        var view = await _host.Pools.CreateAsync(new CreateImagePool("twin", 1, ImageCount: 2, RaidLevel.Raid1), _ct);
        var file = Path.Combine(view.MountPoint, "kept-twice.txt");
        await File.WriteAllTextAsync(file, "on both devices", _ct);

        _host.Restart();
        Sandbox.Run("umount", view.MountPoint);
        foreach (var image in view.Pool.ImageFiles)
        {
            Detach(image); // as after a reboot: no loop device left
        }

        var failures = await _host.Pools.MountAllAsync(_ct);
        var again = await _host.Pools.GetAsync("twin", _ct);

        Assert.Empty(failures);
        Assert.Equal((RaidLevel.Raid1, 2, true), (again.Pool.RaidLevel, again.Pool.ImageFiles.Count, again.Mounted));
        Assert.Equal("on both devices", await File.ReadAllTextAsync(file, _ct));
        Assert.Contains("RAID1", Sandbox.Run("btrfs", "filesystem", "df", view.MountPoint), StringComparison.Ordinal);

        await _host.Pools.DeleteAsync("twin", deleteShares: false, _ct);

        Assert.Empty(Sandbox.LoopDevicesUnder(_host.Sandbox.DataDirectory));
        Assert.All(view.Pool.ImageFiles, image => Assert.False(File.Exists(image)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_raid1_pool_mounted_without_one_of_its_devices_is_shown_degraded_with_the_missing_device()
    {
        var view = await _host.Pools.CreateAsync(new CreateImagePool("halfway", 1, ImageCount: 2, RaidLevel.Raid1), _ct);
        Assert.False(view.Degraded);
        Assert.Equal([1, 2], view.Devices.Select(d => d.DevId));
        Assert.Equal(0, view.DeviceErrors);

        // The second disk dies while the machine is off: the pool comes back mounted degraded, by hand.
        Sandbox.Run("umount", view.MountPoint);
        Detach(view.Pool.ImageFiles[1]);
        Sandbox.Run("btrfs", "device", "scan", "--forget");
        Sandbox.Run("mount", "-o", "degraded", view.Pool.Devices[0], view.MountPoint);

        var degraded = await _host.Pools.GetAsync("halfway", _ct);

        Assert.True(degraded.Degraded);
        var missing = Assert.Single(degraded.Devices, d => d.Missing);
        Assert.Equal((2, (string?)null), (missing.DevId, missing.Path));
        Assert.Equal(view.Pool.Devices[0], Assert.Single(degraded.Devices, d => !d.Missing).Path);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_raid1_pool_whose_disk_died_is_not_mounted_at_start_and_is_mounted_degraded_when_asked_with_its_data()
    {
        var view = await _host.Pools.CreateAsync(new CreateImagePool("survivor", 1, ImageCount: 2, RaidLevel.Raid1), _ct);
        await File.WriteAllTextAsync(Path.Combine(view.MountPoint, "precious.txt"), "still here", _ct);

        // The second disk dies while the machine is off (its image file is gone).
        _host.Restart();
        Sandbox.Run("umount", view.MountPoint);
        foreach (var image in view.Pool.ImageFiles)
        {
            Detach(image);
        }

        File.Delete(view.Pool.ImageFiles[1]);
        Sandbox.Run("btrfs", "device", "scan", "--forget");

        var failures = await _host.Pools.MountAllAsync(_ct);
        var plain = await Assert.ThrowsAsync<Domain.Common.StorageCommandException>(() => _host.Pools.MountAsync("survivor", degraded: false, _ct));
        var mounted = await _host.Pools.MountAsync("survivor", degraded: true, _ct);

        Assert.StartsWith("Pool 'survivor' could not be mounted", Assert.Single(failures), StringComparison.Ordinal);
        Assert.StartsWith("Pool 'survivor' could not be mounted. If one of its disks is missing, mount it degraded", plain.Message, StringComparison.Ordinal);
        Assert.True(mounted.Mounted);
        Assert.True(mounted.Degraded);
        Assert.Equal("still here", await File.ReadAllTextAsync(Path.Combine(view.MountPoint, "precious.txt"), _ct));
        Assert.Contains("degraded", MountOptionsOf(view.MountPoint));
        await Assert.ThrowsAsync<Domain.Common.ConflictException>(() => _host.Pools.MountAsync("survivor", degraded: true, _ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task Compression_and_mount_options_apply_at_once_by_remounting_and_stay_after_a_restart()
    {
        var view = await _host.CreateImagePoolAsync("tuned");

        await _host.Pools.SetMountOptionsAsync("tuned", "zstd:3", ["noatime", "commit=60"], _ct);
        var mounted = MountOptionsOf(view.MountPoint);
        Assert.Contains("compress=zstd:3", mounted);
        Assert.Contains("noatime", mounted);
        Assert.Contains("commit=60", mounted);
        Assert.Contains("nodev", mounted);

        await _host.Pools.SetMountOptionsAsync("tuned", null, [], _ct); // the compression stays, the options go
        mounted = MountOptionsOf(view.MountPoint);
        Assert.Contains("compress=zstd:3", mounted);
        Assert.DoesNotContain("noatime", mounted);
        Assert.DoesNotContain("commit=60", mounted);

        _host.Restart();
        Sandbox.Run("umount", view.MountPoint);
        Assert.Empty(await _host.Pools.MountAllAsync(_ct));
        Assert.Contains("compress=zstd:3", MountOptionsOf(view.MountPoint));
        Assert.Equal(("zstd:3", 0), ((await _host.Pools.GetAsync("tuned", _ct)).Pool.MountOptions.Compression, (await _host.Pools.GetAsync("tuned", _ct)).Pool.MountOptions.Options.Count));
    }

    /// <summary>The options the kernel shows for the mount point (/proc/mounts' fourth field).</summary>
    private static List<string> MountOptionsOf(string mountPoint) =>
        File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Single(f => f[1] == mountPoint)[3].Split(',').ToList();

    [Fact(Timeout = 60_000)]
    public async Task A_raid_level_needs_its_image_files()
    {
        var refused = await Assert.ThrowsAsync<Domain.Common.ValidationException>(() => _host.Pools.CreateAsync(new CreateImagePool("short", 1, ImageCount: 1, RaidLevel.Raid1), _ct));

        Assert.Equal("raid1 needs at least 2 devices; 1 was given.", refused.Message);
        Assert.Empty(Directory.Exists(Path.Combine(_host.Sandbox.DataDirectory, "images")) ? Directory.GetFiles(Path.Combine(_host.Sandbox.DataDirectory, "images")) : []);
    }

    [Fact(Timeout = 120_000)]
    public async Task Pools_are_mounted_again_at_start_up()
    {
        var view = await _host.CreateImagePoolAsync();
        Sandbox.Run("umount", view.MountPoint);
        Sandbox.Run("losetup", "-d", view.Pool.Devices[0]);
        _host.Restart();

        var failures = await _host.Pools.MountAllAsync(_ct);

        Assert.Empty(failures);
        Assert.True((await _host.Pools.GetAsync("pool1", _ct)).Mounted);
    }

    [Fact(Timeout = 120_000)]
    public async Task Pools_are_mounted_without_devices_and_set_user_id_and_one_mounted_otherwise_is_restricted_at_start_up()
    {
        var view = await _host.CreateImagePoolAsync();
        Assert.Equal(["nodev", "nosuid"], Restrictions(view.MountPoint));
        Sandbox.Run("mount", "-o", "remount,dev,suid", view.MountPoint);
        Assert.Empty(Restrictions(view.MountPoint));
        _host.Restart();

        var failures = await _host.Pools.MountAllAsync(_ct);

        Assert.Empty(failures);
        Assert.Equal(["nodev", "nosuid"], Restrictions(view.MountPoint));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_raid1_pool_is_made_from_two_empty_disks_and_deleting_it_frees_them()
    {
        var disks = new[] { _host.Sandbox.AttachLoopDisk(), _host.Sandbox.AttachLoopDisk() };
        var offered = await _host.Get<Domain.Storage.IBlockDevices>().ListDisksAsync(_ct);
        Assert.All(disks, d => Assert.True(offered.Single(o => o.Path == d).Usable));

        var view = await _host.Pools.CreateAsync(new CreateDiskPool("mirror", RaidLevel.Raid1, disks), _ct);

        Assert.True(view.Mounted);
        Assert.InRange(view.SizeBytes, 900L << 20, 1L << 30);
        var inUse = await _host.Get<Domain.Storage.IBlockDevices>().ListDisksAsync(_ct);
        Assert.Equal("it holds a btrfs filesystem", inUse.Single(o => o.Path == disks[1]).Unusable);

        await _host.Pools.DeleteAsync("mirror", deleteShares: false, _ct);

        var after = await _host.Get<Domain.Storage.IBlockDevices>().ListDisksAsync(_ct);
        Assert.All(disks, d => Assert.True(after.Single(o => o.Path == d).Usable));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_empty_disk_added_to_a_pool_grows_it_keeps_its_data_and_is_mounted_with_it_after_a_restart()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var notEmpty = _host.Sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.ext4", "-q", notEmpty);
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("growing", RaidLevel.Single, [first]), _ct);
        var data = Path.Combine(view.MountPoint, "data.bin");
        var bytes = new byte[3 << 20];
        new Random(5).NextBytes(bytes);
        await File.WriteAllBytesAsync(data, bytes, _ct);

        var refused = await Assert.ThrowsAsync<Domain.Common.ValidationException>(() => _host.Pools.AddDevicesAsync("growing", [notEmpty], _ct));
        var grown = await _host.Pools.AddDevicesAsync("growing", [second], _ct);

        Assert.Equal($"{notEmpty} cannot be added: it holds a ext4 filesystem.", refused.Message);
        Assert.Equal([first, second], grown.Devices.Select(d => d.Path));
        Assert.Equal([first, second], grown.Pool.Devices);
        Assert.True(grown.SizeBytes > view.SizeBytes + (900L << 20), $"{grown.SizeBytes} after, {view.SizeBytes} before");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(data, _ct));

        _host.Restart();
        Sandbox.Run("umount", view.MountPoint);
        Sandbox.Run("btrfs", "device", "scan", "--forget");
        Assert.Empty(await _host.Pools.MountAllAsync(_ct));
        Assert.Equal(2, (await _host.Pools.GetAsync("growing", _ct)).Devices.Count(d => !d.Missing));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(data, _ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_disk_is_not_added_to_a_pool_on_image_files()
    {
        await _host.CreateImagePoolAsync("trial");
        var disk = _host.Sandbox.AttachLoopDisk();

        var refused = await Assert.ThrowsAsync<Domain.Common.ConflictException>(() => _host.Pools.AddDevicesAsync("trial", [disk], _ct));

        Assert.StartsWith("Pool 'trial' is on image files", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_disk_with_a_filesystem_is_refused_and_left_untouched()
    {
        var disk = _host.Sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.ext4", "-q", disk);

        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _host.Pools.CreateAsync(new CreateDiskPool("p", RaidLevel.Single, [disk]), _ct));

        Assert.Contains("ext4", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _host.Pools.ListAsync(_ct));
        Assert.Equal("ext4", Sandbox.Run("blkid", "-p", "-o", "value", "-s", "TYPE", disk).Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_system_disk_is_never_offered()
    {
        var disks = await _host.Get<Domain.Storage.IBlockDevices>().ListDisksAsync(_ct);

        var root = Sandbox.Run("findmnt", "-n", "-o", "SOURCE", "/").Trim();
        Assert.DoesNotContain(disks, d => d.Usable && root.StartsWith(d.Path, StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_raid_level_that_needs_more_disks_is_refused_before_anything_is_touched()
    {
        var disk = _host.Sandbox.AttachLoopDisk();

        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _host.Pools.CreateAsync(new CreateDiskPool("p", RaidLevel.Raid1, [disk]), _ct));

        Assert.Equal("raid1 needs at least 2 devices; 1 was given.", error.Message);
        Assert.Equal(2, Sandbox.TryRun("blkid", "-p", disk).ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failed_image_pool_leaves_no_loop_device_image_or_mount_behind()
    {
        Directory.CreateDirectory(_host.Sandbox.MountRoot);
        await File.WriteAllTextAsync(Path.Combine(_host.Sandbox.MountRoot, "blocked"), "a file where the mount point goes", _ct);

        var error = await Assert.ThrowsAsync<StorageCommandException>(() => _host.CreateImagePoolAsync("blocked"));

        Assert.Contains("blocked", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _host.Pools.ListAsync(_ct));
        Assert.Empty(Sandbox.LoopDevicesUnder(_host.Sandbox.DataDirectory));
        Assert.False(File.Exists(_host.Layout.ImageFile("blocked")));
        Assert.Empty(Sandbox.MountsUnder(_host.Sandbox.MountRoot));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_busy_pool_is_not_deleted_and_btrfs_or_umount_says_why()
    {
        var view = await _host.CreateImagePoolAsync();
        var file = Path.Combine(view.MountPoint, "open-file");
        await using (var open = File.Create(file))
        {
            var error = await Assert.ThrowsAsync<StorageCommandException>(() => _host.Pools.DeleteAsync("pool1", false, _ct));

            Assert.Contains("busy", error.Message, StringComparison.Ordinal);
        }

        Assert.True((await _host.Pools.GetAsync("pool1", _ct)).Mounted);
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_pools_cannot_share_a_name()
    {
        await _host.CreateImagePoolAsync();

        await Assert.ThrowsAsync<ConflictException>(() => _host.CreateImagePoolAsync());
    }

    public void Dispose() => _host.Dispose();

    /// <summary>The mount's nodev and nosuid options, as the kernel shows them.</summary>
    private static List<string> Restrictions(string mountPoint) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .Single(f => f[4] == mountPoint)[5]
            .Split(',')
            .Where(o => o is "nodev" or "nosuid")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Detaches the loop devices of one image file (and nothing else on the machine).</summary>
    private static void Detach(string image)
    {
        foreach (var line in Sandbox.Run("losetup", "-j", image).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Sandbox.Run("losetup", "-d", line[..line.IndexOf(':', StringComparison.Ordinal)]);
        }
    }
}
