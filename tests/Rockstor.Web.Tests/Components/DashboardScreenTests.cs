using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Pools;
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

    private static long MemTotalBytes() =>
        long.Parse(
            File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
