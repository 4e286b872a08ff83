using System.Security.Cryptography;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Import;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Storage;

/// <summary>Importing filesystems made by hand with mkfs.btrfs on loop disks, as a rebuilt appliance finds its old disks.</summary>
public sealed class PoolImportTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;
    private readonly List<string> _handMounts = [];

    public PoolImportTests() => _ct = _host.Lifetime;

    private PoolImportService Import => _host.Get<PoolImportService>();

    [Fact(Timeout = 180_000)]
    public async Task A_pool_made_by_hand_is_looked_at_without_a_write_then_imported_with_its_shares_snapshots_and_received_snapshot()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var uuid = MakeByHand("handmade", [first, second], root =>
        {
            Sandbox.Run("btrfs", "subvolume", "create", Path.Combine(root, "data"));
            Sandbox.Run("btrfs", "subvolume", "create", Path.Combine(root, "media"));
            File.WriteAllText(Path.Combine(root, "data", "note.txt"), "kept through the import");
            Directory.CreateDirectory(Path.Combine(root, ".snapshots", "data"));
            Sandbox.Run("btrfs", "subvolume", "snapshot", "-r", Path.Combine(root, "data"), Path.Combine(root, ".snapshots", "data", "monday"));
            Sandbox.Run("btrfs", "subvolume", "snapshot", "-r", Path.Combine(root, "data"), Path.Combine(root, "data-tuesday"));
            Directory.CreateDirectory(Path.Combine(root, "incoming"));
            ReceiveInto(Path.Combine(root, "incoming"));
        });
        var before = Sums([first, second]);

        var candidate = (await Import.ListAsync(_ct)).Single(c => c.FsUuid == uuid);
        var preview = await Import.PreviewAsync(uuid, _ct);
        var untouched = Sums([first, second]);
        var view = await Import.ImportAsync(uuid, name: null, degraded: false, _ct);
        var snapshots = _host.Get<Rockstor.Domain.Snapshots.ISnapshotRepository>().ListInPool("handmade").OrderBy(s => s.Key, StringComparer.Ordinal).ToList();

        Assert.Equal((uuid, "handmade", 2, 0), (candidate.FsUuid, candidate.Label, candidate.TotalDevices, candidate.Missing));
        Assert.Equal("handmade", preview.Name);
        Assert.Equal(["data", "media"], preview.Plan.Shares);
        Assert.Equal(["incoming"], preview.Plan.ReplicaShares);
        Assert.Equal(before, untouched); // looking wrote nothing
        Assert.True(view.Mounted);
        Assert.Equal(RaidLevel.Raid1, view.Pool.RaidLevel);
        Assert.Equal([first, second], view.Pool.Devices.Order(StringComparer.Ordinal));
        Assert.Equal(["data", "incoming", "media"], (await _host.Shares.ListAsync(_ct)).Select(s => s.Share.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ShareKind.Replica, _host.Get<IShareRepository>().Find("incoming")!.Kind);
        Assert.Equal(["data/data-tuesday", "data/monday", "incoming/week-44"], snapshots.Select(s => s.Key));
        Assert.NotNull(snapshots.Single(s => s.Share == "incoming").ReceivedUuid);
        Assert.Equal("kept through the import", await File.ReadAllTextAsync(Path.Combine(view.MountPoint, ".snapshots", "data", "data-tuesday", "note.txt"), _ct));
        Assert.DoesNotContain(await Import.ListAsync(_ct), c => c.FsUuid == uuid);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_filesystem_with_a_disk_missing_is_offered_degraded_and_imported_only_when_asked()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var uuid = MakeByHand("halfthere", [first, second], root => Sandbox.Run("btrfs", "subvolume", "create", Path.Combine(root, "docs")));
        Sandbox.Run("losetup", "-d", second);

        var candidate = (await Import.ListAsync(_ct)).Single(c => c.FsUuid == uuid);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Import.ImportAsync(uuid, "half", degraded: false, _ct));
        var view = await Import.ImportAsync(uuid, "half", degraded: true, _ct);

        Assert.Equal((2, 1), (candidate.TotalDevices, candidate.Missing));
        Assert.Contains("1 of the 2 disks of this filesystem are not on this machine", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Pools.Names(), n => n != "half");
        Assert.True(view.Degraded);
        Assert.Equal(["docs"], (await _host.Shares.ListAsync(_ct)).Select(s => s.Share.Name));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_foreign_filesystem_mounted_through_one_of_its_disks_is_neither_offered_for_import_nor_wiped_through_the_other()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var uuid = MakeByHand("inuse", [first, second], _ => { });
        var somewhere = Directory.CreateDirectory(Path.Combine(_host.Sandbox.Root, "in-use")).FullName;
        _handMounts.Add(somewhere);
        Sandbox.Run("mount", first, somewhere);

        Assert.DoesNotContain(await Import.ListAsync(_ct), c => c.FsUuid == uuid);
        await Assert.ThrowsAsync<NotFoundException>(() => Import.ImportAsync(uuid, "inuse", degraded: true, _ct));
        var wipe = await Assert.ThrowsAsync<ConflictException>(() => _host.Get<Rockstor.Domain.Disks.DiskService>().WipeAsync(second, second, _ct));
        Assert.Contains("mounted through another of its disks", wipe.Message, StringComparison.Ordinal);
        Assert.Equal("btrfs", Sandbox.Run("blkid", "-p", "-o", "value", "-s", "TYPE", second).Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task Importing_asks_for_a_uuid_a_machine_disk_holds_and_a_free_name()
    {
        await _host.CreateImagePoolAsync("taken");
        var disk = _host.Sandbox.AttachLoopDisk();
        var uuid = MakeByHand("taken", [disk], _ => { });

        var none = await Assert.ThrowsAsync<ValidationException>(() => Import.ImportAsync(" ", null, false, _ct));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Import.ImportAsync("00000000-0000-0000-0000-000000000000", null, false, _ct));
        var clash = await Assert.ThrowsAsync<ConflictException>(() => Import.ImportAsync(uuid, null, false, _ct));
        var own = await Assert.ThrowsAsync<ConflictException>(() => Import.ImportAsync(_host.Pools.Require("taken").Uuid, null, false, _ct));

        Assert.Contains("by its uuid", none.Message, StringComparison.Ordinal);
        Assert.Contains("No disk on this machine holds", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("A pool named 'taken' already exists", clash.Message, StringComparison.Ordinal);
        Assert.Contains("is one of this appliance's pools already", own.Message, StringComparison.Ordinal);
        Assert.Equal("renamed", (await Import.ImportAsync(uuid, "renamed", false, _ct)).Pool.Name);
    }

    public void Dispose()
    {
        foreach (var mount in _handMounts.Where(m => Sandbox.MountsUnder(_host.Sandbox.Root).Contains(m)))
        {
            Sandbox.TryRun("umount", mount);
        }

        _host.Dispose();
    }

    /// <summary>Makes a btrfs filesystem with mkfs.btrfs, fills it by hand, unmounts it, and returns its uuid.</summary>
    private string MakeByHand(string label, IReadOnlyList<string> disks, Action<string> fill)
    {
        Sandbox.Run("mkfs.btrfs", ["-q", "-L", label, "-d", disks.Count > 1 ? "raid1" : "single", "-m", disks.Count > 1 ? "raid1" : "dup", .. disks]);
        var root = Directory.CreateDirectory(Path.Combine(_host.Sandbox.Root, $"by-hand-{label}")).FullName;
        _handMounts.Add(root);
        Sandbox.Run("mount", disks[0], root);
        try
        {
            fill(root);
        }
        finally
        {
            Sandbox.Run("umount", root);
        }

        return Sandbox.Run("blkid", "-s", "UUID", "-o", "value", disks[0]).Trim();
    }

    /// <summary>Receives a snapshot sent from another filesystem into the folder, as btrfs receive by hand does.</summary>
    private void ReceiveInto(string folder)
    {
        var source = _host.Sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.btrfs", "-q", source);
        var root = Directory.CreateDirectory(Path.Combine(_host.Sandbox.Root, "by-hand-source")).FullName;
        _handMounts.Add(root);
        Sandbox.Run("mount", source, root);
        try
        {
            Sandbox.Run("btrfs", "subvolume", "create", Path.Combine(root, "photos"));
            File.WriteAllText(Path.Combine(root, "photos", "cat.jpg"), "a cat");
            Sandbox.Run("btrfs", "subvolume", "snapshot", "-r", Path.Combine(root, "photos"), Path.Combine(root, "week-44"));
            var stream = Path.Combine(_host.Sandbox.Root, "week-44.send");
            Sandbox.Run("btrfs", "send", "-f", stream, Path.Combine(root, "week-44"));
            Sandbox.Run("btrfs", "receive", "-f", stream, folder);
        }
        finally
        {
            Sandbox.Run("umount", root);
            Sandbox.Run("wipefs", "-a", source); // only the filesystem under test is left to import
        }
    }

    private static Dictionary<string, string> Sums(IReadOnlyList<string> devices) =>
        devices.ToDictionary(d => d, d =>
        {
            using var stream = File.OpenRead(d);
            return Convert.ToHexString(SHA256.HashData(stream));
        });
}
