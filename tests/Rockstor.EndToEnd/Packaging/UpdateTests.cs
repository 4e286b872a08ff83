using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Rockstor.EndToEnd.Pages;
using Rockstor.Testing;
using static Microsoft.Playwright.Assertions;
using static Rockstor.EndToEnd.Requests;

namespace Rockstor.EndToEnd.Packaging;

/// <summary>
/// Updates of the installed appliance from a local apt repository (issue 22): from the API and by clicking
/// in the browser, the appliance comes back on the new version with everything kept; a version that does
/// not start is rolled back by itself and raises an alert. Each test publishes the versions it needs, so
/// they hold in either order.
/// </summary>
[Collection(nameof(InstalledApplianceCollection))]
public sealed class UpdateTests(InstalledAppliance nas)
{
    [Fact(Timeout = 300_000)]
    public async Task An_update_from_the_api_keeps_everything_and_a_version_that_does_not_start_is_rolled_back_with_an_alert()
    {
        var good = nas.NextVersion();
        nas.Repository.Publish(good, "A version that works.");

        var offer = await StatusAsync("/api/updates/check", post: true);
        Assert.Equal(good, offer.GetProperty("available").GetString());
        Assert.Contains("A version that works.", offer.GetProperty("changelog").GetString());
        await Ok(nas.Api.PostAsync(new Uri("/api/updates/install", UriKind.Relative), null));
        var updated = await UntilSettledAsync();

        Assert.Equal(("succeeded", good), (updated.GetProperty("state").GetString(), updated.GetProperty("current").GetString()));
        await ExpectEverythingKeptAsync();

        var broken = nas.NextVersion();
        nas.Repository.Publish(broken, "A version that cannot start.", broken: true);
        Assert.Equal(broken, (await StatusAsync("/api/updates/check", post: true)).GetProperty("available").GetString());
        await Ok(nas.Api.PostAsync(new Uri("/api/updates/install", UriKind.Relative), null));
        var rolledBack = await UntilSettledAsync();

        Assert.Equal(("rolledBack", good), (rolledBack.GetProperty("state").GetString(), rolledBack.GetProperty("current").GetString()));
        Assert.Contains($"Version {broken} did not answer", rolledBack.GetProperty("message").GetString());
        Assert.Equal(good, Sandbox.Run("dpkg-query", "-W", "-f=${Version}", "rockstor"));
        await ExpectEverythingKeptAsync();
        var alert = await Waiting.UntilAsync(
            async () => (await nas.Api.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray()
                .Single(a => a.GetProperty("kind").GetString() == "update" && a.GetProperty("open").GetBoolean()),
            TimeSpan.FromSeconds(10));
        Assert.Contains($"Version {good} was put back", alert.GetProperty("message").GetString());
    }

    [Fact(Timeout = 300_000)]
    public async Task Update_now_on_the_updates_page_installs_the_version_on_offer_and_the_page_comes_back_on_it()
    {
        var next = nas.NextVersion();
        nas.Repository.Publish(next, "Clicked in the browser.");
        var shell = new Shell(await nas.Browser.NewPageAsync());
        var page = shell.Page;
        await new AccountPages(page, nas.BaseAddress).LogInAsync(InstalledAppliance.Password);

        await shell.GoAsync("Updates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check now" }).ClickAsync();
        await Expect(page.Locator("[data-available]")).ToHaveTextAsync(next);
        await Expect(page.Locator("[data-changelog]")).ToContainTextAsync("Clicked in the browser.");
        await shell.ExpectAccessibleAsync("the Updates page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update now" }).ClickAsync();
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Update now" }).ClickAsync();

        await Expect(page.Locator("[data-update-state='Running']")).ToContainTextAsync($"to {next}");
        try
        {
            await Expect(page.Locator("[data-current]")).ToHaveTextAsync(next, new() { Timeout = 180_000 });
        }
        catch (PlaywrightException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{nas.Logs()}\nbrowser:\n{string.Join('\n', nas.Browser.Log)}");
        }

        await Expect(page.Locator("[data-update-state='Succeeded']")).ToContainTextAsync($"Version {next} runs.");
        await ExpectEverythingKeptAsync();
    }

    [Fact] // synchronous, so no xUnit timeout: each command it runs is given two minutes (Sandbox.Run)
    public void The_installed_unit_passes_systemd_analyze_verify_and_the_settings_are_not_the_package_s()
    {
        var (exit, output, error) = Sandbox.TryRun("systemd-analyze", "verify", "/lib/systemd/system/rockstor.service");

        Assert.True(exit == 0, $"systemd-analyze verify: {output}{error}");
        Assert.Empty(Sandbox.Run("dpkg-query", "-W", "-f=${Conffiles}", "rockstor").Trim());
        Assert.DoesNotContain("/etc/rockstor/rockstor.env", Sandbox.Run("dpkg", "-L", "rockstor"));
    }

    /// <summary>The pool, the share with the file written under the first version, its snapshot schedule, and the update settings, after a restart onto another version.</summary>
    private async Task ExpectEverythingKeptAsync()
    {
        var pools = await nas.Api.GetFromJsonAsync<JsonElement>("/api/pools");
        Assert.Contains(pools.EnumerateArray(), p => p.GetProperty("name").GetString() == "tank" && p.GetProperty("mounted").GetBoolean());
        var shares = await nas.Api.GetFromJsonAsync<JsonElement>("/api/shares");
        Assert.Contains(shares.EnumerateArray(), s => s.GetProperty("name").GetString() == "documents");
        Assert.Equal("written under the first version", await File.ReadAllTextAsync(nas.KeptFile));
        var schedules = await nas.Api.GetFromJsonAsync<JsonElement>("/api/snapshot-schedules");
        Assert.Contains(schedules.EnumerateArray(), s => s.GetProperty("prefix").GetString() == "nightly");
        Assert.Equal(nas.Repository.Source, (await StatusAsync("/api/updates")).GetProperty("settings").GetProperty("source").GetString());
    }

    /// <summary>Follows the update through the appliance's restart until the updater has settled, one way or the other.</summary>
    private async Task<JsonElement> UntilSettledAsync() =>
        await Waiting.UntilAsync(
            async () =>
            {
                var status = await StatusAsync("/api/updates");
                Assert.True(status.GetProperty("state").GetString() != "running", nas.Logs());
                return status;
            },
            TimeSpan.FromMinutes(3));

    private async Task<JsonElement> StatusAsync(string route, bool post = false)
    {
        using var response = post
            ? await nas.Api.PostAsync(new Uri(route, UriKind.Relative), null)
            : await nas.Api.GetAsync(new Uri(route, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
