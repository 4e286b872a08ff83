using System.Net.Http.Json;
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
    public async Task The_tutorial_s_steps_work_by_keyboard_alone_and_every_control_on_every_screen_has_a_name()
    {
        var keys = new KeyboardUser(await two.Browser.NewPageAsync());
        try
        {
            await WalkAsync(keys);
            await EveryControlIsNamedAsync(keys);
        }
        catch (Exception e)
        {
            await new Shell(keys.Page).ScreenshotAsync("failed-keyboard");
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- the browser ---\n{string.Join("\n", two.Browser.Log)}\n--- source ---\n{two.Source.Log}");
        }
    }

    [Fact]
    public void The_scan_finds_controls_without_a_name_and_passes_named_ones_and_other_roles()
    {
        const string snapshot = """
            - button "Close"
            - button
            - checkbox [checked]
            - 'link "Appliance hostname: open the appliances"':
              - link:
            - textbox "Name"
            - columnheader
            - combobox [disabled] [expanded]
            """;

        Assert.Equal(["- button", "- checkbox [checked]", "- link:", "- combobox [disabled] [expanded]"], Shell.UnnamedControls(snapshot));
    }

    private async Task WalkAsync(KeyboardUser keys)
    {
        var page = keys.Page;
        var dialog = page.Locator(".mud-dialog");

        // Log in.
        await page.GotoAsync(new Uri(two.Source.BaseAddress, "/login").ToString());
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
        Assert.Empty(await new Shell(page).UnnamedControlsAsync());
        await keys.TabToAsync(dialog.GetByLabel("I checked this fingerprint"));
        await page.Keyboard.PressAsync("Space");
        await Expect(dialog.GetByLabel("I checked this fingerprint")).ToBeCheckedAsync();
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }));
        await new Shell(page).Table("Paired appliances").GetByText("nas2", new() { Exact = true }).WaitForAsync();

        // A pool on an image file.
        await keys.GoAsync("Pools");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create pool" }));
        await keys.TypeIntoAsync(dialog.GetByLabel("Name"), "tank");
        await keys.TypeIntoAsync(dialog.GetByLabel("Image size (GiB)"), "1");
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
        await keys.ChooseAsync(dialog.GetByLabel("Pool on the target"), "backup");
        await keys.ActivateAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }));
        await new Shell(page).SnackbarAsync("Task added");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("trail of task \\d+$") }));
        await Expect(page.Locator("tbody tr").First.Locator("td[data-status]")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 120_000 });
        await new Shell(page).ScreenshotAsync("keyboard-trail");
    }

    /// <summary>
    /// Every screen, with what the walk made, and every dialog they open: each control has a name, as
    /// Chromium's accessibility tree computes it (through Playwright's aria snapshot).
    /// </summary>
    private async Task EveryControlIsNamedAsync(KeyboardUser keys)
    {
        var page = keys.Page;
        var unnamed = new List<string>();

        // A task whose runs fail (no such pool there) raises an alert, so the Alerts screen has one to show.
        using (var api = await two.Source.LogInAsync(password: TwoAppliances.Password))
        {
            await Ok(api.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "photos" }));
            await Ok(api.PostAsJsonAsync("/api/replication/tasks", new { share = "photos", targetPool = "missing", frequencyMinutes = 60, keep = 5 }));
        }

        await keys.GoAsync("Alerts");
        await page.GetByText("missing").First.WaitForAsync(new() { Timeout = 120_000 });
        await new Shell(page).ScreenshotAsync("alerts");

        async Task ScanAsync(string where) => unnamed.AddRange((await new Shell(page).UnnamedControlsAsync()).Select(c => $"{where}: {c}"));

        foreach (var (screen, dialogs) in new (string, string[])[]
        {
            ("Pools", ["Create pool"]),
            ("Shares", ["Create share"]),
            ("Snapshots", ["Create snapshot"]),
            ("Send", ["Add replication task"]),
            ("Receive", []),
            ("Services", []),
            ("Alerts", []),
            ("Appliances", ["Add appliance"]),
            ("Account", ["Change password"]),
            ("About", ["Change hostname"]),
        })
        {
            await keys.GoAsync(screen);
            await ScanAsync(screen);
            foreach (var opener in dialogs)
            {
                await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = opener }));
                await page.Locator(".mud-dialog").WaitForAsync();
                await page.WaitForTimeoutAsync(300); // what the dialog reads when it opens (pools, appliances)
                await ScanAsync($"{screen} -> {opener}");
                await page.Keyboard.PressAsync("Escape");
                await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            }
        }

        await keys.GoAsync("Send");
        await keys.ActivateAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("trail of task \\d+$") }).First);
        await page.Locator("tr.attempt-row").First.WaitForAsync();
        await ScanAsync("Send trail");

        Assert.True(unnamed.Count == 0, "Controls without a name:\n" + string.Join("\n", unnamed));
        Assert.Empty(two.Browser.PolicyViolations);
    }

}
