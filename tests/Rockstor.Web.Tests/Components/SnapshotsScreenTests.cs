using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;
using SnapshotsPage = Rockstor.Web.Components.Pages.Storage.Snapshots;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Snapshots screen rendered by bUnit over the real services, a real store and real btrfs.</summary>
public sealed class SnapshotsScreenTests : ScreenTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
    private BunitAuthorizationContext _authorization = default!;

    /// <summary>The admin's login as the screen sees it (the unlock dialog asks for its password again).</summary>
    protected override void AddServices(IServiceCollection services) => _authorization = Context.AddAuthorization();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var services = Context.Services;
        await services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("pool1", 1), _ct);
        foreach (var share in new[] { "docs", "0media" })
        {
            await services.GetRequiredService<ShareService>().CreateAsync("pool1", share, _ct);
        }

        var docs = services.GetRequiredService<StorageLayout>().SharePath("pool1", "docs");
        Directory.CreateDirectory(Path.Combine(docs, "reports"));
        await File.WriteAllTextAsync(Path.Combine(docs, "reports", "q1.txt"), "first quarter", _ct);
        await File.WriteAllTextAsync(Path.Combine(docs, "readme.txt"), "read me", _ct);

        var snapshots = services.GetRequiredService<SnapshotService>();
        for (var i = 0; i < 3; i++)
        {
            await snapshots.CreateAsync("docs", $"d{i}", writable: false, _ct);
        }

        await snapshots.CreateAsync("0media", "m0", writable: false, _ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_snapshot_locked_from_its_row_is_unlocked_only_with_the_admin_password()
    {
        Context.Services.GetRequiredService<Rockstor.Domain.Accounts.AccountService>().Setup(new Rockstor.Domain.Accounts.SetupRequest("admin", "correct-horse", "nas1"));
        _authorization.SetAuthorized("admin");
        var store = Context.Services.GetRequiredService<ISnapshotRepository>();
        var screen = await RenderAsync();

        await screen.InvokeAsync(() => screen.FindAll("button[aria-label='Lock docs/d0']").Single().Click());
        await screen.WaitForAssertionAsync(() => Assert.True(store.Find("docs", "d0")!.Locked), TimeSpan.FromSeconds(10));
        await screen.InvokeAsync(() => screen.FindAll("button[aria-label='Unlock docs/d0']").Single().Click());
        await WaitForDialogAsync(screen);
        Field(screen, "Admin password").Change("a guess");
        Click(screen, "Unlock");
        await screen.WaitForAssertionAsync(
            () => Assert.Contains("stays locked", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.True(store.Find("docs", "d0")!.Locked);

        Field(screen, "Admin password").Change("correct-horse");
        Click(screen, "Unlock");

        await screen.WaitForAssertionAsync(() => Assert.False(store.Find("docs", "d0")!.Locked), TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_scheduled_snapshot_names_its_schedule_the_schedule_filter_shows_only_its_own_and_sizes_fill_in()
    {
        var schedules = Context.Services.GetRequiredService<SnapshotScheduleService>();
        var schedule = schedules.Create(new SnapshotScheduleRequest(["docs"], 60, null, "hourly", null, new RetentionPolicy(Last: 3), null));
        var taken = Assert.Single((await Context.Services.GetRequiredService<SnapshotScheduleRunner>().RunAsync(schedule.Id, requested: true, _ct))!);
        var screen = Render();
        var page = screen.FindComponent<SnapshotsPage>();
        await screen.WaitForAssertionAsync(() => Assert.Equal(5, Rows(screen).Count), TimeSpan.FromSeconds(30));

        await page.InvokeAsync(() => page.Instance.SetScheduleFilter(schedule.Id));
        page.Render();

        Assert.Equal([taken.Key], Rows(screen));
        Assert.Contains("schedule hourly", screen.Find($"tr[data-snapshot='{taken.Key}']").TextContent, StringComparison.Ordinal);
        await screen.WaitForAssertionAsync(
            () => Assert.EndsWith("B", screen.Find($"tr[data-snapshot='{taken.Key}'] td[data-size]").TextContent.Trim(), StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_snapshot_on_the_appliance_is_listed_and_the_share_filter_narrows_it()
    {
        var screen = await RenderAsync();
        var page = screen.FindComponent<SnapshotsPage>();

        Assert.Equal(["0media/m0", "docs/d0", "docs/d1", "docs/d2"], Rows(screen).Order(StringComparer.Ordinal));

        await page.InvokeAsync(() => page.Instance.SetShareFilterAsync("0media"));
        page.Render();

        Assert.Equal(["0media/m0"], Rows(screen));
        Assert.Contains("1 snapshot(s)", screen.Markup, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Search_and_sort_by_name_order_the_rows()
    {
        var screen = await RenderAsync();
        var page = screen.FindComponent<SnapshotsPage>();

        screen.Find("input[type='text']:not([readonly])").Input("docs");
        await screen.WaitForAssertionAsync(() => Assert.Equal(3, Rows(screen).Count), TimeSpan.FromSeconds(10));
        await NameHeader(screen).ClickAsync(new());

        await screen.WaitForAssertionAsync(() => Assert.Equal(["docs/d0", "docs/d1", "docs/d2"], Rows(screen)));
        Assert.Equal(SnapshotSort.Name, page.Instance.Sort);
        await NameHeader(screen).ClickAsync(new());
        await screen.WaitForAssertionAsync(() => Assert.Equal(["docs/d2", "docs/d1", "docs/d0"], Rows(screen)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Selected_snapshots_are_deleted_only_after_the_confirmation()
    {
        var screen = await RenderAsync();
        var page = screen.FindComponent<SnapshotsPage>();
        screen.Find("tr[data-snapshot='docs/d0'] input").Change(true);
        screen.Find("tr[data-snapshot='0media/m0'] input").Change(true);
        Assert.Equal(2, page.Instance.Selected.Count);

        screen.FindAll("button").Single(b => b.TextContent.Contains("Delete selected (2)", StringComparison.Ordinal)).Click();
        var dialog = await screen.WaitForElementAsync(".mud-dialog", TimeSpan.FromSeconds(10));
        Assert.Contains("Delete 2 snapshot(s): 0media/m0, docs/d0?", dialog.TextContent, StringComparison.Ordinal);
        screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        screen.WaitForAssertion(() => Assert.Empty(screen.FindAll(".mud-dialog")));
        Assert.Equal(4, Rows(screen).Count);
        Assert.True(Directory.Exists(Path.Combine(Sandbox.MountRoot, "pool1", ".snapshots", "docs", "d0")));

        screen.FindAll("button").Single(b => b.TextContent.Contains("Delete selected (2)", StringComparison.Ordinal)).Click();
        await screen.WaitForElementAsync(".mud-dialog", TimeSpan.FromSeconds(10));
        screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        screen.WaitForAssertion(() => Assert.Equal(["docs/d1", "docs/d2"], Rows(screen).Order(StringComparer.Ordinal)), TimeSpan.FromSeconds(30));
        Assert.False(Directory.Exists(Path.Combine(Sandbox.MountRoot, "pool1", ".snapshots", "docs", "d0")));
        Assert.False(Directory.Exists(Path.Combine(Sandbox.MountRoot, "pool1", ".snapshots", "0media", "m0")));
        Assert.Empty(page.Instance.Selected);
    }

    [Fact(Timeout = 120_000)]
    public async Task Selecting_the_page_selects_every_row_on_it()
    {
        var screen = await RenderAsync();

        screen.Find("thead input").Change(true);

        Assert.Equal(4, screen.FindComponent<SnapshotsPage>().Instance.Selected.Count);
        Assert.Contains("Delete selected (4)", screen.Markup, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_stored_snapshots_show_at_once_while_btrfs_is_busy_and_what_btrfs_changed_shows_after()
    {
        // A replication holds the storage lock for as long as its receive runs; the screen must not wait for it.
        var held = await Context.Services.GetRequiredService<StorageLock>().AcquireAsync(_ct);
        Rockstor.Testing.Sandbox.Run("btrfs", "-q", "subvolume", "snapshot", "-r",
            Path.Combine(Sandbox.MountRoot, "pool1", "docs"), Path.Combine(Sandbox.MountRoot, "pool1", ".snapshots", "docs", "outside"));

        var screen = Render();

        Assert.Equal(["0media/m0", "docs/d0", "docs/d1", "docs/d2"], Rows(screen).Order(StringComparer.Ordinal));
        Assert.NotNull(screen.Find("[aria-label='Reading the pools']"));

        held.Dispose();
        await screen.WaitForAssertionAsync(() => Assert.Equal(5, Rows(screen).Count), TimeSpan.FromSeconds(30));
        Assert.Contains("docs/outside", Rows(screen));
        Assert.Empty(screen.FindAll("[aria-label='Reading the pools']"));
    }

    /// <summary>Renders the screen beside the providers the layout gives it, and waits for its first load from btrfs.</summary>
    [Fact(Timeout = 120_000)]
    public async Task A_snapshot_s_files_are_browsed_from_its_row_folder_by_folder_with_a_download_for_each()
    {
        var screen = await RenderAsync();

        await screen.InvokeAsync(() => screen.FindAll("button[aria-label='Browse files of docs/d0']").Single().Click());
        await WaitForDialogAsync(screen);
        await screen.WaitForAssertionAsync(() => Assert.Equal(["reports", "readme.txt"], Entries(screen)), TimeSpan.FromSeconds(10));
        Assert.Contains(
            screen.FindAll(".mud-dialog a[href]").Select(a => a.GetAttribute("href")),
            href => href == "/api/shares/docs/snapshots/d0/download?path=%2Freadme.txt");
        await screen.InvokeAsync(() => screen.Find(".mud-dialog tr[data-entry='reports'] a").Click());

        await screen.WaitForAssertionAsync(() => Assert.Equal(["q1.txt"], Entries(screen)), TimeSpan.FromSeconds(10));
        Assert.Contains(
            screen.FindAll(".mud-dialog a[href]").Select(a => a.GetAttribute("href")),
            href => href == "/api/shares/docs/snapshots/d0/download?path=%2Freports%2Fq1.txt");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_file_is_restored_from_the_browse_dialog_beside_the_current_one_by_clicking()
    {
        var docs = Context.Services.GetRequiredService<StorageLayout>().SharePath("pool1", "docs");
        await File.WriteAllTextAsync(Path.Combine(docs, "readme.txt"), "changed since", _ct);
        var screen = await RenderAsync();
        await screen.InvokeAsync(() => screen.FindAll("button[aria-label='Browse files of docs/d0']").Single().Click());
        await WaitForDialogAsync(screen);
        await screen.WaitForAssertionAsync(() => Assert.Contains("readme.txt", Entries(screen)), TimeSpan.FromSeconds(10));

        await screen.InvokeAsync(() => screen.Find("button[aria-label='Restore readme.txt into the share']").Click());
        await screen.WaitForAssertionAsync(() => Assert.Contains(screen.FindAll(".mud-dialog button"), b => b.TextContent.Trim() == "Beside"), TimeSpan.FromSeconds(10));
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Beside").Click());

        await screen.WaitForAssertionAsync(
            () => Assert.Single(Directory.GetFiles(docs, "readme (restored *).txt")),
            TimeSpan.FromSeconds(20));
        Assert.Equal("read me", await File.ReadAllTextAsync(Directory.GetFiles(docs, "readme (restored *).txt")[0], _ct));
        Assert.Equal("changed since", await File.ReadAllTextAsync(Path.Combine(docs, "readme.txt"), _ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_restore_reports_its_progress_and_one_cancelled_part_way_leaves_the_share_as_it_was()
    {
        var services = Context.Services;
        var docs = services.GetRequiredService<StorageLayout>().SharePath("pool1", "docs");
        var many = Path.Combine(docs, "many");
        Directory.CreateDirectory(many);
        for (var i = 0; i < 3000; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(many, $"file{i:0000}.txt"), $"version one of {i}", _ct);
        }

        await services.GetRequiredService<SnapshotService>().CreateAsync("docs", "with-many", writable: false, _ct);
        Directory.Delete(many, recursive: true);
        Directory.CreateDirectory(many);
        await File.WriteAllTextAsync(Path.Combine(many, "newer.txt"), "written after the snapshot", _ct);
        var restores = services.GetRequiredService<Domain.Snapshots.Files.SnapshotRestoreService>();

        // In its place, cancelled once a tenth is copied: the current folder comes back as it was.
        using var cancel = new CancellationTokenSource();
        var heard = new List<Domain.Snapshots.Files.RestoreProgress>();
        var progress = new Synchronous(p =>
        {
            heard.Add(p);
            if (p.Done >= p.Total / 10)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restores.RestoreAsync("docs", "with-many", ["/many"], "replace", cancel.Token, progress));

        Assert.Equal(3001, heard[0].Total); // the folder and its 3000 files
        Assert.Equal(["newer.txt"], Directory.GetFileSystemEntries(many).Select(Path.GetFileName));
        Assert.Equal("written after the snapshot", await File.ReadAllTextAsync(Path.Combine(many, "newer.txt"), _ct));

        // Beside, to the end: every entry is told, and the copy is whole.
        var all = new List<Domain.Snapshots.Files.RestoreProgress>();
        var result = await restores.RestoreAsync("docs", "with-many", ["/many"], "beside", _ct, new Synchronous(all.Add));

        Assert.Equal((3001, 3001), (all[^1].Done, all[^1].Total));
        Assert.True(all.Count > 100, $"{all.Count} reports");
        Assert.Equal(3000, Directory.GetFiles(Path.Combine(docs, result.Restored[0].To.TrimStart('/'))).Length);
    }

    /// <summary>Progress heard at once, on the restore's own thread.</summary>
    private sealed class Synchronous(Action<Domain.Snapshots.Files.RestoreProgress> heard) : IProgress<Domain.Snapshots.Files.RestoreProgress>
    {
        public void Report(Domain.Snapshots.Files.RestoreProgress value) => heard(value);
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderAsync()
    {
        var screen = Render();
        await screen.WaitForAssertionAsync(
            () =>
            {
                Assert.Equal(4, Rows(screen).Count);
                Assert.Empty(screen.FindAll("[aria-label='Reading the pools']")); // btrfs read: the rows are final
                Assert.All(screen.FindAll("td[data-size]"), size => Assert.NotEmpty(size.TextContent.Trim())); // the sizes too
            },
            TimeSpan.FromSeconds(30));
        return screen;
    }

    private IRenderedComponent<ContainerFragment> Render() =>
        Context.Render<ContainerFragment>(parameters => parameters
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<SnapshotsPage>());

    private static AngleSharp.Dom.IElement NameHeader(IRenderedComponent<ContainerFragment> screen) =>
        screen.FindAll("th button").First(b => b.TextContent.TrimStart().StartsWith("Name", StringComparison.Ordinal));

    private static List<string> Entries(IRenderedComponent<ContainerFragment> screen) =>
        screen.FindAll(".mud-dialog tr[data-entry]").Select(r => r.GetAttribute("data-entry")!).ToList();

    private static List<string> Rows(IRenderedComponent<ContainerFragment> screen) =>
        screen.FindAll("tr[data-snapshot]").Select(r => r.GetAttribute("data-snapshot")!).ToList();
}
