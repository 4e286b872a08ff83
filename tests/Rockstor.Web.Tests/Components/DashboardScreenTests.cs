using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Web.Components.Pages.Dashboard;

namespace Rockstor.Web.Tests.Components;

/// <summary>The dashboard over the real feed, /proc of this machine, the store and btrfs on loop images.</summary>
public sealed class DashboardScreenTests : ScreenTests
{
    /// <summary>A snapshot every half second and btrfs read at each, so a test sees several in seconds.</summary>
    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton(new DashboardSettings { LiveInterval = TimeSpan.FromMilliseconds(500), StorageRefresh = TimeSpan.Zero, Version = "9.9.9-test" });

    [Fact(Timeout = 120_000)]
    public async Task The_dashboard_shows_this_machine_s_memory_and_a_pool_made_in_the_test_with_its_usage()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var pool = await Context.Services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("glance", 1), cts.Token);

        var screen = RenderPage<DashboardPage>();

        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll("[data-pool='glance']")), TimeSpan.FromSeconds(20));
        Assert.Equal(MemTotalBytes().ToString(System.Globalization.CultureInfo.InvariantCulture), screen.Find("[data-memory-total]").GetAttribute("data-memory-total"));
        var cpu = double.Parse(screen.Find("[data-cpu-percent]").GetAttribute("data-cpu-percent")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(cpu, 0, 100);
        var row = screen.Find("[data-pool='glance']");
        Assert.True(long.Parse(row.GetAttribute("data-pool-used")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(pool.UsedBytes, long.Parse(row.GetAttribute("data-pool-used")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("not enough history yet", row.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(screen.FindAll("[data-interface]"));
        Assert.Equal("9.9.9-test", screen.Find("[data-version]").GetAttribute("data-version"));
        Assert.NotEmpty(screen.FindAll(".mud-chart"));

        // Two days of growth, 100 MiB a day: the forecast says when it fills, on the next snapshot.
        var now = DateTimeOffset.UtcNow;
        Context.Services.GetRequiredService<PoolUsageHistory>().Record(
            Enumerable.Range(0, 3).Select(day => new PoolUsageSample("glance", now.AddDays(day - 2), pool.UsedBytes + ((day - 2) * (100L << 20)), pool.SizeBytes)));
        await screen.WaitForAssertionAsync(() => Assert.Equal("Filling", screen.Find("[data-pool='glance'] [data-forecast]").GetAttribute("data-forecast")), TimeSpan.FromSeconds(10));
        Assert.Contains("full around", screen.Find("[data-pool='glance']").TextContent, StringComparison.Ordinal);
        Assert.Contains("100 MiB a day", screen.Find("[data-pool='glance']").TextContent, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_dashboard_updates_live_while_open_and_leaving_it_stops_the_feed()
    {
        var feed = Context.Services.GetRequiredService<DashboardFeed>();
        Assert.False(feed.Sampling);

        var screen = RenderPage<DashboardPage>();
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll("[data-snapshot-at]")), TimeSpan.FromSeconds(10));
        var first = screen.Find("[data-snapshot-at]").GetAttribute("data-snapshot-at");
        var firstUptime = double.Parse(screen.Find("[data-uptime-seconds]").GetAttribute("data-uptime-seconds")!, System.Globalization.CultureInfo.InvariantCulture);

        await screen.WaitForAssertionAsync(() => Assert.NotEqual(first, screen.Find("[data-snapshot-at]").GetAttribute("data-snapshot-at")), TimeSpan.FromSeconds(10));
        await screen.WaitForAssertionAsync(
            () => Assert.True(double.Parse(screen.Find("[data-uptime-seconds]").GetAttribute("data-uptime-seconds")!, System.Globalization.CultureInfo.InvariantCulture) > firstUptime),
            TimeSpan.FromSeconds(10));
        Assert.Equal((1, true), (feed.Watchers, feed.Sampling));

        await Context.DisposeComponentsAsync();

        Assert.Equal((0, false), (feed.Watchers, feed.Sampling));
        var last = feed.Latest;
        await Task.Delay(1500); // three intervals: no snapshot is taken
        Assert.Same(last, feed.Latest);
    }

    [Fact(Timeout = 60_000)]
    public async Task Replication_shows_the_tasks_behind_the_last_failure_and_a_run_under_way_with_its_percent_and_alerts_the_newest()
    {
        var tasks = Context.Services.GetRequiredService<IReplicationTaskRepository>();
        var trails = Context.Services.GetRequiredService<ITrailRepository>();
        var alerts = Context.Services.GetRequiredService<AlertService>();
        var failing = new ReplicationTask { Share = "docs", TargetApplianceId = "9a1b2c3d", TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };
        var late = new ReplicationTask { Share = "media", TargetApplianceId = "9a1b2c3d", TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) };
        tasks.Save(failing);
        tasks.Save(late);
        var failed = new Attempt { OwnerId = failing.Id, StartedAt = DateTimeOffset.UtcNow.AddMinutes(-2), EndedAt = DateTimeOffset.UtcNow.AddMinutes(-1), Status = AttemptStatus.Failed, Error = "nas2 refused: Pool 'tank' is full." };
        trails.Save(TrailSide.Send, failed);
        await alerts.RunEndedAsync(failing, failed, CancellationToken.None);
        await alerts.CheckStalenessAsync(CancellationToken.None); // media: nothing good for a day at hourly runs
        var running = new Attempt { OwnerId = late.Id, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Running };
        trails.Save(TrailSide.Send, running);
        Context.Services.GetRequiredService<IReplicationEvents>().Progress(new AttemptProgress(TrailSide.Send, late.Id, running.Id, 5 << 20, 1 << 20, 5 << 20, 10 << 20, 5));

        var screen = RenderPage<DashboardPage>();

        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll("[data-behind]")), TimeSpan.FromSeconds(10));
        Assert.Equal("1", screen.Find("[data-behind]").GetAttribute("data-behind"));
        Assert.Contains("docs to 9a1b2c3d", screen.Find($"[data-last-failure='{failing.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Pool 'tank' is full.", screen.Find($"[data-last-failure='{failing.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("media to 9a1b2c3d: 50 %", screen.Find($"[data-running='{late.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", screen.Find("[data-open-alert-count]").GetAttribute("data-open-alert-count"));
        Assert.Contains("No good snapshot has reached the destination", screen.Markup, StringComparison.Ordinal);
    }

    private static long MemTotalBytes() =>
        long.Parse(
            File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
