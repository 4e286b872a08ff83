using System.Globalization;
using Microsoft.Playwright;
using Rockstor.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace Rockstor.EndToEnd;

/// <summary>The dashboard in Chromium: the first screen after login, with this machine's numbers, live.</summary>
public sealed class DashboardTests(ApplianceWithAPool one) : IClassFixture<ApplianceWithAPool>
{
    [Fact(Timeout = 120_000)]
    public async Task After_login_the_dashboard_shows_this_machine_s_numbers_and_its_pool_and_they_move_on_their_own()
    {
        var shell = new Shell(await one.Browser.NewPageAsync());
        var page = shell.Page;
        await new AccountPages(page, one.Appliance.BaseAddress).LogInAsync(ApplianceWithAPool.Password);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(new Uri(one.Appliance.BaseAddress, "/").ToString(), page.Url);
        var memory = page.Locator("[data-memory-total]");
        await Expect(memory).ToHaveAttributeAsync("data-memory-total", MemTotalBytes().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-pool='tank']")).ToContainTextAsync("not enough history yet");
        await Expect(page.Locator(".mud-chart").First).ToBeVisibleAsync();
        var first = await page.Locator("[data-snapshot-at]").GetAttributeAsync("data-snapshot-at");
        var uptime = double.Parse((await page.Locator("[data-uptime-seconds]").GetAttributeAsync("data-uptime-seconds"))!, CultureInfo.InvariantCulture);

        await Expect(page.Locator("[data-snapshot-at]")).Not.ToHaveAttributeAsync("data-snapshot-at", first!, new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-uptime-seconds]")).Not.ToHaveAttributeAsync("data-uptime-seconds", uptime.ToString("0.###", CultureInfo.InvariantCulture), new() { Timeout = 15_000 });

        await Expect(page.Locator(".mud-navmenu a").First).ToHaveTextAsync("Dashboard");
        await shell.ScreenshotAsync("dashboard");
        await Axe.ExpectNoViolationsAsync(page, "the dashboard");
        Assert.Empty(one.Browser.PolicyViolations);
    }

    private static long MemTotalBytes() =>
        long.Parse(
            File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture) * 1024;
}
