using Microsoft.Extensions.Hosting;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Pools;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Alerts;

/// <summary>A pool filled past its thresholds on real btrfs: one alert per level, mailed, resolved once space is freed.</summary>
public sealed class CapacityAlertTests : IDisposable
{
    private readonly StorageHost _host = new(new Dictionary<string, string?> { ["Rockstor:AlertCheckSeconds"] = "5" });

    public void Dispose() => _host.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task A_pool_past_the_warning_then_the_critical_threshold_raises_one_alert_each_mailed_and_resolved_when_freed()
    {
        var ct = _host.Lifetime;
        using var mail = new MailSink("127.0.0.1");
        _host.Get<Domain.Appliances.ApplianceIdentity>().Ensure(null); // who the mail says it is from
        var alerts = _host.Get<AlertService>();
        await alerts.SaveSettingsAsync(
            new AlertSettingsRequest("127.0.0.1", mail.Port, "none", null, null, "nas@example.com", "admin@example.com", null, CapacityWarnPercent: 50, CapacityCriticalPercent: 70),
            ct);
        var view = await _host.Pools.CreateAsync(new CreateImagePool("filling", 1), ct);
        var watch = _host.Get<IEnumerable<IHostedService>>().OfType<PoolAlertWatch>().Single();
        await watch.StartAsync(ct);
        try
        {
            await WriteAsync(Path.Combine(view.MountPoint, "first.bin"), 600, view.MountPoint);
            var warned = await OpenAsync(alerts, "past 50%");
            var warning = await mail.NextWithAsync("past 50%", TimeSpan.FromSeconds(30), () => string.Join(" / ", alerts.List(openOnly: false).Select(a => $"{a.Kind}: {a.NotifyError ?? "no error"}")));

            await WriteAsync(Path.Combine(view.MountPoint, "second.bin"), 200, view.MountPoint);
            var critical = await OpenAsync(alerts, "past 70%");

            Assert.Equal("filling", warned.Pool);
            Assert.StartsWith("Pool 'filling' is ", warned.Message, StringComparison.Ordinal);
            Assert.Contains("past 50%, the warning threshold. A full btrfs pool stops taking writes", warned.Message, StringComparison.Ordinal);
            Assert.Contains("past 50%", warning, StringComparison.Ordinal);
            Assert.Contains("past 70%, the critical threshold", critical.Message, StringComparison.Ordinal);
            Assert.Single(alerts.List(openOnly: true)); // the warning was resolved when the critical one came
            var news = await mail.NextAsync(TimeSpan.FromSeconds(30)); // the very next mail: no "resolved" for a pool that is fuller still
            Assert.Contains("Pool filling up: pool filling", news, StringComparison.Ordinal);
            Assert.Contains("past 70%, the critical threshold", news, StringComparison.Ordinal);

            File.Delete(Path.Combine(view.MountPoint, "first.bin"));
            File.Delete(Path.Combine(view.MountPoint, "second.bin"));
            Sandbox.Run("btrfs", "filesystem", "sync", view.MountPoint);

            await Waiting.UntilAsync(() => Assert.Empty(alerts.List(openOnly: true)), TimeSpan.FromSeconds(60));
            Assert.Equal(2, alerts.List(openOnly: false).Count(a => a.Kind == AlertKind.Capacity && a.ResolvedAt is not null));
        }
        finally
        {
            await watch.StopAsync(ct);
        }
    }

    private static async Task WriteAsync(string file, int mebibytes, string mountPoint)
    {
        await File.WriteAllBytesAsync(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(mebibytes << 20));
        Sandbox.Run("btrfs", "filesystem", "sync", mountPoint);
    }

    private static Task<Alert> OpenAsync(AlertService alerts, string level) => Waiting.UntilAsync(
        () => Assert.Single(alerts.List(openOnly: true), a => a.Kind == AlertKind.Capacity && a.Message.Contains(level, StringComparison.Ordinal)),
        TimeSpan.FromSeconds(60));
}
