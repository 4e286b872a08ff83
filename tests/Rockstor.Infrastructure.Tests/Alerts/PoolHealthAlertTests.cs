using System.Globalization;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Health;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;
using Rockstor.Infrastructure.Tests.Support;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Alerts;

/// <summary>
/// A pool that loses a disk, and a block that reads back corrupted, on real btrfs over loop devices: each
/// raises one alert, mailed to the test's SMTP server, and resolved (and mailed again) after the fix.
/// </summary>
public sealed class PoolHealthAlertTests : IDisposable
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);
    private readonly StorageHost _host = new();
    private readonly MailSink _mail = new("127.0.0.1");
    private readonly CancellationToken _ct;

    public PoolHealthAlertTests() => _ct = _host.Lifetime;

    private AlertService Alerts => _host.Get<AlertService>();

    private PoolAlerts Watch => _host.Get<PoolAlerts>();

    public void Dispose() => CleanUp.All(_host.Dispose, _mail.Dispose);

    [Fact(Timeout = 240_000)]
    public async Task A_raid1_pool_that_loses_a_disk_raises_a_degraded_alert_mailed_and_resolved_once_the_disk_is_replaced()
    {
        await MailAlertsAsync();
        var first = _host.Sandbox.AttachLoopDisk();
        var second = _host.Sandbox.AttachLoopDisk();
        var view = await _host.Pools.CreateAsync(new CreateDiskPool("hurt", RaidLevel.Raid1, [first, second]), _ct);
        await File.WriteAllTextAsync(Path.Combine(view.MountPoint, "kept.txt"), "still here", _ct);
        await Watch.CheckDevicesAsync(_ct);
        Assert.Empty(Alerts.List(openOnly: true));

        // The second disk dies while the machine is off: the pool is not mounted at the next start.
        Sandbox.Run("umount", view.MountPoint);
        Sandbox.Run("losetup", "-d", second);
        await OperationsToEnd.WaitUntilLoopGoneAsync(second);
        await Watch.CheckDevicesAsync(_ct);
        Assert.Empty(Alerts.List(openOnly: true)); // once is not yet a lost pool: it may be being made
        await Watch.CheckDevicesAsync(_ct);
        var unmounted = Assert.Single(Alerts.List(openOnly: true));
        Assert.Equal((AlertKind.Degraded, "hurt"), (unmounted.Kind, unmounted.Pool));
        Assert.Contains("is not mounted", await _mail.NextWithAsync("Pool degraded: pool hurt", MailWait), StringComparison.Ordinal);

        // Mounted degraded by the admin: the alert now says so.
        await _host.Pools.MountAsync("hurt", degraded: true, _ct);
        await Watch.CheckDevicesAsync(_ct);
        var degraded = Assert.Single(Alerts.List(openOnly: true));
        Assert.Contains("runs degraded: device 2 of its 2 is missing", degraded.Message, StringComparison.Ordinal);
        var changed = await _mail.NextAsync(MailWait); // the very next mail: the news, with no "resolved" before it
        Assert.Contains("Pool degraded: pool hurt", changed, StringComparison.Ordinal);
        Assert.Contains("runs degraded", changed, StringComparison.Ordinal);

        var replacement = _host.Sandbox.AttachLoopDisk();
        var missing = (await _host.Pools.GetAsync("hurt", _ct)).Devices.Single(d => d.Missing);
        var operations = _host.Get<PoolOperationService>();
        var replaced = await _host.RunToEndAsync(await operations.ReplaceAsync("hurt", missing.DevId.ToString(CultureInfo.InvariantCulture), replacement, _ct), _ct);
        await Watch.CheckDevicesAsync(_ct);

        Assert.Equal(PoolOperationState.Finished, replaced.State);
        Assert.Empty(Alerts.List(openOnly: true));
        var resolved = await _mail.NextAsync(MailWait);
        Assert.Contains("Resolved: pool hurt", resolved, StringComparison.Ordinal);
        Assert.Contains("said: Pool 'hurt' runs degraded", resolved, StringComparison.Ordinal);
        Assert.Equal(3, _mail.Count); // not mounted, runs degraded, resolved
        Assert.Equal(2, Alerts.List(openOnly: false).Count(a => a.Kind == AlertKind.Degraded));
        Assert.Equal("still here", await File.ReadAllTextAsync(Path.Combine(view.MountPoint, "kept.txt"), _ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_corrupted_block_read_on_a_single_device_pool_raises_one_device_error_alert_mailed_and_resolved_after_the_counters_are_reset()
    {
        await MailAlertsAsync();
        var view = await _host.Pools.CreateAsync(new CreateImagePool("lonely", 1), _ct);
        var file = Path.Combine(view.MountPoint, "photo.raw");
        await File.WriteAllBytesAsync(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1 << 20), _ct);
        Sandbox.Run("btrfs", "filesystem", "sync", view.MountPoint);
        await Watch.CheckDevicesAsync(_ct); // counters seen clean first

        BlockCorruption.CorruptFirstCopy(file, view.Pool.Devices[0]);
        BlockCorruption.DropCaches();
        await Assert.ThrowsAsync<IOException>(() => File.ReadAllBytesAsync(file, _ct)); // a single copy: nothing to repair from
        await Watch.CheckDevicesAsync(_ct);
        await Watch.CheckDevicesAsync(_ct);

        var alert = Assert.Single(Alerts.List(openOnly: true));
        Assert.Equal((AlertKind.DeviceErrors, "lonely"), (alert.Kind, alert.Pool));
        Assert.Contains("corruption", alert.Message, StringComparison.Ordinal);
        var mailed = await _mail.NextWithAsync("Disk errors: pool lonely", MailWait);
        Assert.Contains("Run a scrub", mailed, StringComparison.Ordinal);

        // The fix: the damaged file goes (restored from a snapshot or a replica), and the counters are reset.
        File.Delete(file);
        await _host.Pools.ResetDeviceErrorsAsync("lonely", _ct);
        await Watch.CheckDevicesAsync(_ct);

        Assert.Empty(Alerts.List(openOnly: true));
        Assert.Contains("said: btrfs counted new errors", await _mail.NextWithAsync("Resolved: pool lonely", MailWait), StringComparison.Ordinal);
    }

    private async Task MailAlertsAsync()
    {
        _host.Get<Domain.Appliances.ApplianceIdentity>().Ensure(null); // who the mail says it is from
        await Alerts.SaveSettingsAsync(new AlertSettingsRequest("127.0.0.1", _mail.Port, "none", null, null, "nas@example.com", "admin@example.com", null), _ct);
    }
}
