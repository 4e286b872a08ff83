using System.Security.Cryptography;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;
using Rockstor.Infrastructure.Tests.Support;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Storage;

/// <summary>Scrub, balance, removal and replacement on real btrfs over loop disks, followed as the appliance follows them.</summary>
public sealed class PoolOperationTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public PoolOperationTests() => _ct = _host.Lifetime;

    private PoolOperationService Operations => _host.Get<PoolOperationService>();

    private PoolOperationControl Control => _host.Get<PoolOperationControl>();

    [Fact(Timeout = 240_000)]
    public async Task A_disk_is_added_then_another_removed_with_data_on_the_pool_and_the_files_stay_identical_after_a_restart()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var third = _host.Sandbox.AttachLoopDisk();
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("shrinking", RaidLevel.Single, [first, second]), _ct);
        var sums = WriteFiles(view.MountPoint, count: 3, mebibytes: 100);
        await _host.Pools.AddDevicesAsync("shrinking", [third], _ct);

        var removal = await Operations.RemoveDeviceAsync("shrinking", first, _ct);
        var ended = await _host.RunToEndAsync(removal, _ct);

        Assert.Equal(PoolOperationState.Finished, ended.State);
        Assert.Equal(100, ended.Progress.Percent);
        Assert.Equal([second, third], _host.Pools.Require("shrinking").Devices);
        Assert.Equal([second, third], (await _host.Pools.GetAsync("shrinking", _ct)).Devices.Select(d => d.Path));
        _host.Restart();
        Sandbox.Run("umount", view.MountPoint);
        Assert.Empty(await _host.Pools.MountAllAsync(_ct));
        Assert.Equal(sums, Sums(view.MountPoint));
        Assert.Equal(PoolOperationState.Finished, Assert.Single(_host.Get<PoolOperationService>().List("shrinking")).State);
    }

    [Fact(Timeout = 120_000)]
    public async Task Removing_a_disk_is_refused_with_a_sentence_when_the_rest_cannot_hold_the_data_or_the_raid_level_needs_it()
    {
        var three = Enumerable.Range(0, 3).Select(_ => _host.Sandbox.AttachLoopDisk()).ToList();
        var full = await _host.Pools.CreateAsync(new CreateDiskPool("full", RaidLevel.Single, three), _ct);
        WriteFiles(full.MountPoint, count: 5, mebibytes: 400);
        var second = three[1];
        var mirrored = await _host.Pools.CreateAsync(new CreateDiskPool("mirrored", RaidLevel.Raid1, [_host.Sandbox.AttachLoopDisk(), _host.Sandbox.AttachLoopDisk()]), _ct);

        var tooFull = await Assert.ThrowsAsync<ConflictException>(() => Operations.RemoveDeviceAsync("full", second, _ct));
        var needed = await Assert.ThrowsAsync<ConflictException>(() => Operations.RemoveDeviceAsync("mirrored", mirrored.Pool.Devices[0], _ct));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Operations.RemoveDeviceAsync("full", "/dev/nothing", _ct));

        Assert.Contains("cannot be removed", tooFull.Message, StringComparison.Ordinal);
        Assert.Contains("raid1, which needs at least 2 disks", needed.Message, StringComparison.Ordinal);
        Assert.Contains("has no device '/dev/nothing'", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(Operations.List("full"));
        Assert.Equal(3, (await _host.Pools.GetAsync("full", _ct)).Devices.Count);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_raid1_pool_is_converted_to_raid10_and_back_with_its_data_identical()
    {
        var disks = Enumerable.Range(0, 4).Select(_ => _host.Sandbox.AttachLoopDisk()).ToList();
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("levels", RaidLevel.Raid1, disks), _ct);
        var sums = WriteFiles(view.MountPoint, count: 2, mebibytes: 100);

        var lowering = await Assert.ThrowsAsync<ValidationException>(() => Operations.BalanceAsync("levels", RaidLevel.Raid0, null, confirmed: false, _ct));
        var toRaid10 = await _host.RunToEndAsync(await Operations.BalanceAsync("levels", RaidLevel.Raid10, null, confirmed: false, _ct), _ct);
        var atRaid10 = await _host.Pools.GetAsync("levels", _ct);
        var back = await _host.RunToEndAsync(await Operations.BalanceAsync("levels", RaidLevel.Raid1, RaidLevel.Raid1, confirmed: false, _ct), _ct);
        var atRaid1 = await _host.Pools.GetAsync("levels", _ct);

        Assert.Contains("no longer survives the loss of a disk", lowering.Message, StringComparison.Ordinal);
        Assert.Equal((PoolOperationState.Finished, PoolOperationState.Finished), (toRaid10.State, back.State));
        Assert.Equal(["raid10", "raid10"], [.. atRaid10.Profiles!.Data, .. atRaid10.Profiles.Metadata]);
        Assert.Equal(["raid1", "raid1"], [.. atRaid1.Profiles!.Data, .. atRaid1.Profiles.Metadata]);
        Assert.Equal(RaidLevel.Raid1, _host.Pools.Require("levels").RaidLevel);
        Assert.Equal(sums, Sums(view.MountPoint));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_disk_is_replaced_while_files_are_being_written_and_everything_reads_back_identical_and_scrubs_clean()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var spare = _host.Sandbox.AttachLoopDisk(2L << 30);
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("busy", RaidLevel.Raid1, [first, second]), _ct);
        var sums = WriteFiles(view.MountPoint, count: 3, mebibytes: 60);

        var replacing = await Operations.ReplaceAsync("busy", first, spare, _ct);
        var written = new Dictionary<string, string>();
        for (var i = 0; i < 20 && (Operations.Require("busy", replacing.Id).State == PoolOperationState.Running); i++)
        {
            var path = Path.Combine(view.MountPoint, $"during-{i}.bin");
            written[path] = WriteFile(path, mebibytes: 4);
            await _host.Get<PoolOperationMonitor>().PollAsync(_ct);
        }

        var replaced = await _host.RunToEndAsync(replacing, _ct);
        var scrub = await _host.RunToEndAsync(await Operations.ScrubAsync("busy", _ct), _ct);
        var after = await _host.Pools.GetAsync("busy", _ct);

        Assert.Equal(PoolOperationState.Finished, replaced.State);
        Assert.Equal([spare, second], _host.Pools.Require("busy").Devices);
        Assert.Equal(2L << 30, after.Devices.Single(d => d.Path == spare).SizeBytes); // grown to the new disk's size
        Assert.Equal((PoolOperationState.Finished, 0L, "No errors found."), (scrub.State, scrub.Progress.ErrorsFound, scrub.Message));
        Assert.InRange(scrub.Progress.BytesDone ?? 0, 2 * 3 * 60L << 20, long.MaxValue);
        Assert.Equal(sums, Sums(view.MountPoint).Where(s => !s.Key.Contains("during-", StringComparison.Ordinal)).ToDictionary());
        Assert.All(written, w => Assert.Equal(w.Value, Sum(w.Key)));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_raid1_pool_that_lost_a_disk_is_shown_degraded_mounted_degraded_and_the_missing_disk_replaced_with_data_identical()
    {
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("hurt", RaidLevel.Raid1, [first, second]), _ct);
        var sums = WriteFiles(view.MountPoint, count: 2, mebibytes: 50);
        Sandbox.Run("umount", view.MountPoint);
        Sandbox.Run("losetup", "-d", second);
        await OperationsToEnd.WaitUntilLoopGoneAsync(second);
        var replacement = _host.Sandbox.AttachLoopDisk();

        await Assert.ThrowsAsync<StorageCommandException>(() => _host.Pools.MountAsync("hurt", degraded: false, _ct));
        var degraded = await _host.Pools.MountAsync("hurt", degraded: true, _ct);
        var missing = degraded.Devices.Single(d => d.Missing);
        var replaced = await _host.RunToEndAsync(await Operations.ReplaceAsync("hurt", missing.DevId.ToString(System.Globalization.CultureInfo.InvariantCulture), replacement, _ct), _ct);
        var healed = await _host.Pools.GetAsync("hurt", _ct);
        var scrub = await _host.RunToEndAsync(await Operations.ScrubAsync("hurt", _ct), _ct);

        Assert.True(degraded.Degraded);
        Assert.Equal(PoolOperationState.Finished, replaced.State);
        Assert.False(healed.Degraded);
        Assert.Equal([first, replacement], healed.Devices.Select(d => d.Path));
        Assert.Equal(0, scrub.Progress.ErrorsFound);
        Assert.Equal(sums, Sums(view.MountPoint));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_paused_balance_is_found_again_after_a_restart_with_its_progress_and_finishes_when_resumed()
    {
        var disks = Enumerable.Range(0, 2).Select(_ => _host.Sandbox.AttachLoopDisk(3L << 30)).ToList();
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("paused", RaidLevel.Raid1, disks), _ct);
        var sums = WriteFiles(view.MountPoint, count: 8, mebibytes: 100);

        var balance = await Operations.BalanceAsync("paused", null, null, confirmed: false, _ct);
        var paused = await Control.PauseAsync("paused", balance.Id, _ct);
        var second = await Assert.ThrowsAsync<ConflictException>(() => Operations.ScrubAsync("paused", _ct));
        var deleting = await Assert.ThrowsAsync<ConflictException>(() => _host.Pools.DeleteAsync("paused", deleteShares: true, _ct));
        _host.Restart();
        await _host.Get<PoolOperationMonitor>().RecoverAsync(_ct);
        var found = Operations.Require("paused", balance.Id);
        var resumed = await Control.ResumeAsync("paused", balance.Id, _ct);
        var ended = await _host.RunToEndAsync(resumed, _ct);

        Assert.Equal(PoolOperationState.Paused, paused.State);
        Assert.Contains("busy with a balance", second.Message, StringComparison.Ordinal);
        Assert.Contains("busy with a balance", deleting.Message, StringComparison.Ordinal);
        Assert.Equal(PoolOperationState.Paused, found.State);
        Assert.InRange(found.Progress.Percent, 0, 99.9);
        Assert.Equal(PoolOperationState.Finished, ended.State);
        Assert.Equal(sums, Sums(view.MountPoint));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_balance_started_from_a_shell_is_found_at_start_and_refuses_a_second_operation()
    {
        var disks = Enumerable.Range(0, 2).Select(_ => _host.Sandbox.AttachLoopDisk(3L << 30)).ToList();
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("shell", RaidLevel.Raid1, disks), _ct);
        WriteFiles(view.MountPoint, count: 8, mebibytes: 100);
        Sandbox.Run("btrfs", "balance", "start", "--bg", "--full-balance", view.MountPoint);
        Sandbox.TryRun("btrfs", "balance", "pause", view.MountPoint);

        await _host.Get<PoolOperationMonitor>().RecoverAsync(_ct);
        var found = Assert.Single(Operations.List("shell"));
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Operations.ScrubAsync("shell", _ct));
        var ended = await _host.RunToEndAsync(await Control.CancelAsync("shell", found.Id, _ct), _ct);

        Assert.True(found.Found);
        Assert.Equal((PoolOperationKind.Balance, PoolOperationState.Paused), (found.Kind, found.State));
        Assert.Contains("busy with a balance", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PoolOperationState.Cancelled, ended.State);
        Assert.Equal(PoolOperationState.Finished, (await _host.RunToEndAsync(await Operations.ScrubAsync("shell", _ct), _ct)).State);
    }

    public void Dispose() => _host.Dispose();

    private static Dictionary<string, string> WriteFiles(string folder, int count, int mebibytes) =>
        Enumerable.Range(0, count).ToDictionary(i => Path.Combine(folder, $"file-{i}.bin"), i => WriteFile(Path.Combine(folder, $"file-{i}.bin"), mebibytes));

    private static string WriteFile(string path, int mebibytes)
    {
        var block = new byte[1 << 20];
        using (var stream = File.Create(path))
        {
            for (var i = 0; i < mebibytes; i++)
            {
                RandomNumberGenerator.Fill(block);
                stream.Write(block);
            }

            stream.Flush(flushToDisk: true);
        }

        return Sum(path);
    }

    private static Dictionary<string, string> Sums(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => f, Sum);

    private static string Sum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
