using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Rockstor.EndToEnd.Pages;
using Rockstor.Testing;
using static Microsoft.Playwright.Assertions;
using static Rockstor.EndToEnd.Requests;

namespace Rockstor.EndToEnd;

/// <summary>One appliance set up through the API, with snapshots of two shares, and the browser.</summary>
public sealed class ApplianceWithSnapshots : IAsyncLifetime
{
    public const string Password = "correct-horse";

    public ApplianceProcess Appliance { get; } = new();

    public HttpClient Api { get; private set; } = default!;

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Appliance.StartAsync(), Browser.InitializeAsync());
        Api = await Appliance.SetUpAndLogInAsync(password: Password);
        await Ok(Api.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 }));
        foreach (var (share, count) in new[] { ("docs", 4), ("media", 2) })
        {
            await Ok(Api.PostAsJsonAsync("/api/shares", new { pool = "tank", name = share }));
            for (var i = 1; i <= count; i++)
            {
                await Ok(Api.PostAsJsonAsync($"/api/shares/{share}/snapshots", new { name = $"{share[0]}{i}" }));
            }
        }
    }

    public async Task<List<string>> SnapshotKeysAsync() =>
        (await Api.GetFromJsonAsync<JsonElement>("/api/snapshots?take=100")).GetProperty("items").EnumerateArray()
            .Select(s => $"{s.GetProperty("share").GetString()}/{s.GetProperty("name").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Api?.Dispose();
        Appliance.Dispose();
    }
}

/// <summary>The Snapshots screen in the browser: the filter, and deleting several at once after confirming.</summary>
public sealed class SnapshotsScreenTests(ApplianceWithSnapshots one) : IClassFixture<ApplianceWithSnapshots>
{
    [Fact(Timeout = 180_000)]
    public async Task The_share_filter_narrows_the_list_and_selected_snapshots_are_deleted_once_confirmed()
    {
        var shell = new Shell(await one.Browser.NewPageAsync());
        await new AccountPages(shell.Page, one.Appliance.BaseAddress).LogInAsync(ApplianceWithSnapshots.Password);
        var snapshots = new SnapshotsPage(shell);
        await snapshots.OpenAsync();
        await Expect(snapshots.Rows).ToHaveCountAsync(6);

        await shell.ChooseAsync(shell.Page.GetByLabel("Filter by share"), "docs");
        await Expect(snapshots.Rows).ToHaveCountAsync(4);
        await Expect(snapshots.Rows.Filter(new() { HasText = "media" })).ToHaveCountAsync(0);

        await snapshots.SelectAsync("docs/d1");
        await snapshots.SelectAsync("docs/d3");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Delete selected (2)" }).ClickAsync();
        await Expect(shell.Dialog).ToContainTextAsync("Delete 2 snapshot(s): docs/d1, docs/d3? This cannot be undone.");
        await shell.ScreenshotAsync("snapshots-delete-confirm");
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(snapshots.Rows).ToHaveCountAsync(2);
        Assert.Equal(["docs/d2", "docs/d4", "media/m1", "media/m2"], await one.SnapshotKeysAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task One_file_is_restored_from_a_snapshot_by_clicking_beside_the_current_one()
    {
        // A share of its own, removed at the end, so the other test sees the fixture's snapshots only.
        await Ok(one.Api.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "papers" }));
        var papers = Path.Combine(one.Appliance.Sandbox.MountRoot, "tank", "papers");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(papers, "report.txt"), "the report as it was");
            await Ok(one.Api.PostAsJsonAsync("/api/shares/papers/snapshots", new { name = "before-edit" }));
            await File.WriteAllTextAsync(Path.Combine(papers, "report.txt"), "the report, edited badly");
            var shell = new Shell(await one.Browser.NewPageAsync());
            await new AccountPages(shell.Page, one.Appliance.BaseAddress).LogInAsync(ApplianceWithSnapshots.Password);
            await new SnapshotsPage(shell).OpenAsync();

            await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Browse files of papers/before-edit" }).ClickAsync();
            await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Restore report.txt into the share" }).ClickAsync();
            await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Beside", Exact = true }).ClickAsync();

            await Expect(shell.Page.Locator(".mud-snackbar")).ToContainTextAsync("Restored as '/report (restored ");
            await shell.ScreenshotAsync("snapshot-file-restored");
            var restored = Assert.Single(Directory.GetFiles(papers, "report (restored *).txt"));
            Assert.Equal("the report as it was", await File.ReadAllTextAsync(restored));
            Assert.Equal("the report, edited badly", await File.ReadAllTextAsync(Path.Combine(papers, "report.txt")));
        }
        finally
        {
            using var deleted = await one.Api.DeleteAsync(new Uri("/api/shares/papers?deleteSnapshots=true", UriKind.Relative));
        }
    }
}
