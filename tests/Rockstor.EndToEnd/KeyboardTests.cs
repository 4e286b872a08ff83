using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rockstor.EndToEnd.Pages;
using Rockstor.Testing;
using static Microsoft.Playwright.Assertions;
using static Rockstor.EndToEnd.Requests;

namespace Rockstor.EndToEnd;

/// <summary>
/// Two appliances on this machine's loopback, set up through the API; the destination has a pool and
/// its Replication service on. The source is left for the keyboard to do the rest.
/// </summary>
public sealed class TwoAppliances : IAsyncLifetime
{
    public const string Password = "correct-horse";

    public ApplianceProcess Source { get; } = new(new Dictionary<string, string> { ["Rockstor__ReplicationPort"] = ApplianceProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public ApplianceProcess Destination { get; } = new(new Dictionary<string, string> { ["Rockstor__ReplicationPort"] = ApplianceProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Source.StartAsync(), Destination.StartAsync(), Browser.InitializeAsync());
        (await Source.SetUpAndLogInAsync(password: Password, hostname: "nas1")).Dispose();
        using var destination = await Destination.SetUpAndLogInAsync(password: Password, hostname: "nas2");
        await Ok(destination.PostAsJsonAsync("/api/pools", new { name = "backup", imageSizeGiB = 1 }));
        await Ok(destination.PutAsJsonAsync("/api/services/replication", new { enabled = true }));
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Source.Dispose();
        Destination.Dispose();
    }

    /// <summary>The destination's certificate fingerprint as its About page shows it (groups of four hex digits).</summary>
    public async Task<string> DestinationFingerprintAsync()
    {
        using var destination = await Destination.LogInAsync(password: Password);
        var fingerprint = (await destination.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString()!;
        return Rockstor.Domain.Appliances.PairingService.Grouped(fingerprint);
    }
}

/// <summary>The main flows with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrows and typing.</summary>
public sealed class KeyboardTests(TwoAppliances two) : IClassFixture<TwoAppliances>
{
    [Fact(Timeout = 300_000)]
    public async Task The_tutorial_s_steps_work_by_keyboard_alone_and_every_screen_and_dialog_passes_axe_s_WCAG_2_1_AA_rules()
    {
        var keys = new KeyboardUser(await two.Browser.NewPageAsync());
        var violations = new List<string>();
        try
        {
            await WalkAsync(keys, violations);
            await EveryScreenAndDialogAsync(keys, violations);
        }
        catch (Exception e)
        {
            await new Shell(keys.Page).ScreenshotAsync("failed-keyboard");
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- the browser ---\n{string.Join("\n", two.Browser.Log)}\n--- source ---\n{two.Source.Log}");
        }

        Assert.True(violations.Count == 0, Axe.Report(violations));
        Assert.Empty(two.Browser.PolicyViolations);
    }

    /// <summary>Adds what axe-core finds on the page as it stands, each line naming where.</summary>
    private static async Task ScanAsync(IPage page, string where, List<string> violations) =>
        violations.AddRange((await Axe.ViolationsAsync(page)).Select(v => $"{where}: {v}"));

    private async Task WalkAsync(KeyboardUser keys, List<string> violations)
    {
        var page = keys.Page;
        var dialog = page.Locator(".mud-dialog");

        // Log in.
        await page.GotoAsync(new Uri(two.Source.BaseAddress, "/login").ToString());
        await ScanAsync(page, "Login", violations);
        await keys.TypeIntoAsync(page.GetByLabel("Username"), "admin");
        await keys.TypeIntoAsync(page.GetByLabel("Password"), TwoAppliances.Password);
        await page.Keyboard.PressAsync("Enter");
        await Shell.ReadyAsync(page);

        // Pair with the other appliance.
        await keys.GoAsync("Appliances");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add appliance" }));
        await keys.TypeIntoAsync(dialog.GetByLabel("Host or IP address"), two.Destination.Address);
        await keys.TypeIntoAsync(dialog.GetByLabel("Management port"), two.Destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await keys.TypeIntoAsync(dialog.GetByLabel("Admin username"), "admin");
        await keys.TypeIntoAsync(dialog.GetByLabel("Admin password"), TwoAppliances.Password);
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }));
        await Expect(new AppliancesPage(new Shell(page)).PresentedFingerprint).ToContainTextAsync(await two.DestinationFingerprintAsync());
        await ScanAsync(page, "Appliances -> Add appliance -> fingerprint", violations);
        await keys.TabToAsync(dialog.GetByLabel("I checked this fingerprint"));
        await page.Keyboard.PressAsync("Space");
        await Expect(dialog.GetByLabel("I checked this fingerprint")).ToBeCheckedAsync();
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }));
        await new Shell(page).Table("Paired appliances").GetByText("nas2", new() { Exact = true }).WaitForAsync();

        // A pool on an image file.
        await keys.GoAsync("Pools");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create pool" }));
        await keys.TypeIntoAsync(dialog.GetByLabel("Name"), "tank");
        await keys.TypeIntoAsync(dialog.GetByLabel("Size of each image file (GiB)"), "1");
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }));
        await new Shell(page).Table("Pools").GetByRole(AriaRole.Cell, new() { Name = "tank", Exact = true }).WaitForAsync(new() { Timeout = 60_000 });

        // A share.
        await keys.GoAsync("Shares");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create share" }));
        await keys.ChooseAsync(dialog.GetByLabel("Pool"), "tank");
        await keys.TypeIntoAsync(dialog.GetByLabel("Name"), "docs");
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }));
        await new Shell(page).Table("Shares").GetByRole(AriaRole.Cell, new() { Name = "docs", Exact = true }).WaitForAsync();

        // Two snapshots, then one deleted after the confirmation.
        await keys.GoAsync("Snapshots");
        foreach (var name in new[] { "before", "after" })
        {
            await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create snapshot" }));
            await keys.ChooseAsync(dialog.GetByLabel("Share"), "docs");
            await keys.TypeIntoAsync(dialog.GetByLabel("Snapshot name"), name);
            await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }));
            await page.Locator($"tr[data-snapshot='docs/{name}']").WaitForAsync();
        }

        await keys.TabToAsync(page.GetByLabel("Select docs/before", new() { Exact = true }));
        await page.Keyboard.PressAsync("Space");
        await keys.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Delete selected (1)" }));
        await new Shell(page).ScreenshotAsync("keyboard-focus");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Delete selected (1)" }));
        await Expect(dialog).ToContainTextAsync("Delete 1 snapshot(s): docs/before?");
        await ScanAsync(page, "Snapshots -> Delete selected", violations);
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }));
        await page.Locator("tr[data-snapshot='docs/before']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Expect(page.Locator("tr[data-snapshot]")).ToHaveCountAsync(1);

        // The Replication service on.
        await keys.GoAsync("Services");
        await keys.TabToAsync(page.GetByLabel("Replication on"));
        await page.Keyboard.PressAsync("Space");
        await page.Locator("tr[data-service='replication']").GetByText("running").WaitForAsync();

        // A replication task to the paired appliance; its first run succeeds.
        await keys.GoAsync("Send");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add replication task" }));
        await keys.ChooseAsync(dialog.GetByLabel("Share"), "docs");
        await keys.ChooseAsync(dialog.GetByLabel("Target appliance"), "nas2");

        // Until the target's pools arrive, "Pool on the target" is a text field (to type a name when the
        // target cannot be read); the list replaces it once they are read.
        await dialog.GetByText("Read from the target appliance.").WaitForAsync();
        await keys.ChooseAsync(dialog.GetByLabel("Pool on the target"), "backup");
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }));
        await new Shell(page).SnackbarAsync("Task added");
        await keys.FollowAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("trail of task \\d+$") }), new Regex("/storage/replication/send/\\d+$"));
        // The first run succeeds; a scheduled run that falls on the hour meanwhile is skipped, and may be the newest row.
        await Expect(page.Locator("tbody td[data-status='succeeded']")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await new Shell(page).ScreenshotAsync("keyboard-trail");
    }

    /// <summary>
    /// Every screen, with what the walk made, and every dialog they open (the delete confirmations
    /// included), through axe-core's WCAG 2.1 A and AA rules.
    /// </summary>
    private async Task EveryScreenAndDialogAsync(KeyboardUser keys, List<string> violations)
    {
        var page = keys.Page;

        // A task whose runs fail (no such pool there) raises an alert, so the Alerts screen has an open one to show.
        using (var api = await two.Source.LogInAsync(password: TwoAppliances.Password))
        {
            await Ok(api.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "photos" }));
            await Ok(api.PostAsJsonAsync("/api/replication/tasks", new { share = "photos", targetPool = "missing", frequencyMinutes = 60, keep = 5 }));
        }

        await keys.GoAsync("Alerts");
        await page.GetByText("missing").First.WaitForAsync(new() { Timeout = 120_000 });
        await new Shell(page).ScreenshotAsync("alerts");

        // Each dialog by (a part of) its opener's name, the first such button on the screen.
        foreach (var (screen, openers) in new (string, string[])[]
        {
            ("Pools", ["Create pool", "Delete pool tank"]),
            ("Shares", ["Create share", "Settings of share docs", "SMB export of share docs", "Delete share docs"]),
            ("Snapshots", ["Create snapshot", "Clone docs/after", "Roll back docs to after"]),
            ("Send", ["Add replication task", "Edit task", "Restore docs from nas2", "Delete task"]),
            ("Receive", []),
            ("Users", ["Create user"]),
            ("Services", ["Samba settings"]),
            ("Alerts", []),
            ("Appliances", ["Add appliance", "Restore from nas2", "Remove nas2"]),
            ("Account", ["Change password"]),
            ("About", ["Change hostname"]),
        })
        {
            await keys.GoAsync(screen);
            await ScanAsync(page, screen, violations);
            foreach (var opener in openers)
            {
                await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = opener }).First);
                await page.Locator(".mud-dialog").WaitForAsync();
                await page.WaitForTimeoutAsync(300); // what the dialog reads when it opens (pools, appliances, snapshots)
                await ScanAsync(page, $"{screen} -> {opener}", violations);
                await page.Keyboard.PressAsync("Escape");
                await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            }
        }

        await keys.GoAsync("Send");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("trail of task \\d+$") }).First);
        await page.Locator("tr.attempt-row").First.WaitForAsync();
        await ScanAsync(page, "Send trail", violations);
    }
}
