using Microsoft.Extensions.Hosting;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Health;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Infrastructure.Tests.Support;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Storage;

/// <summary>A scrub on real btrfs finds a block corrupted on one device of a raid1 pool, repairs it from the other copy, and the alerts hear of it.</summary>
public sealed class ScrubRepairTests : IDisposable
{
    private readonly StorageHost _host = new(new Dictionary<string, string?> { ["Rockstor:AlertCheckSeconds"] = "5" });
    private readonly CancellationToken _ct;

    public ScrubRepairTests() => _ct = _host.Lifetime;

    [Fact(Timeout = 180_000)]
    public async Task A_block_corrupted_on_one_copy_is_found_and_repaired_by_a_scrub_which_raises_an_alert_as_do_the_grown_error_counters()
    {
        var watch = _host.Get<IEnumerable<IHostedService>>().OfType<PoolAlertWatch>().Single();
        await watch.StartAsync(_ct);
        var view = await _host.Pools.CreateAsync(new CreateImagePool("mirrored", 1, ImageCount: 2, RaidLevel.Raid1), _ct);
        var file = Path.Combine(view.MountPoint, "precious.bin");
        var content = Enumerable.Repeat((byte)'R', 1 << 20).ToArray();
        await File.WriteAllBytesAsync(file, content, _ct);
        Sandbox.Run("btrfs", "filesystem", "sync", view.MountPoint);
        await _host.Get<PoolAlerts>().CheckDevicesAsync(_ct); // counters seen clean first
        BlockCorruption.CorruptFirstCopy(file, view.Pool.Devices[0]);

        var operations = _host.Get<PoolOperationService>();
        var scrub = await _host.RunToEndAsync(await operations.ScrubAsync("mirrored", _ct), _ct);
        var alerts = _host.Get<AlertService>();
        var raised = await Waiting.UntilAsync(
            () =>
            {
                var open = alerts.List(openOnly: true);
                Assert.Equal([AlertKind.ScrubErrors, AlertKind.DeviceErrors], open.Select(a => a.Kind).Order());
                return open;
            },
            TimeSpan.FromSeconds(30));

        Assert.Equal(PoolOperationState.Finished, scrub.State);
        Assert.Equal((1L, 1L, 0L), (scrub.Progress.ErrorsFound, scrub.Progress.ErrorsCorrected, scrub.Progress.ErrorsUncorrectable));
        Assert.Equal("1 error(s) found, all corrected from a good copy.", scrub.Message);
        Assert.All(raised, a => Assert.Equal("mirrored", a.Pool));
        Assert.Contains("corruption", raised.Single(a => a.Kind == AlertKind.DeviceErrors).Message, StringComparison.Ordinal);
        Assert.Equal(1, (await _host.Pools.GetAsync("mirrored", _ct)).DeviceErrors);
        Assert.Equal(content, await File.ReadAllBytesAsync(file, _ct));

        // A clean scrub resolves the scrub alert; resetting the counters resolves theirs.
        Assert.Equal("No errors found.", (await _host.RunToEndAsync(await operations.ScrubAsync("mirrored", _ct), _ct)).Message);
        await _host.Pools.ResetDeviceErrorsAsync("mirrored", _ct);
        await Waiting.UntilAsync(() => Assert.Empty(alerts.List(openOnly: true)), TimeSpan.FromSeconds(30));
        await watch.StopAsync(_ct);
    }

    public void Dispose() => _host.Dispose();
}
