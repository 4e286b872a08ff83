using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rockstor.EndToEnd.Pages;
using Rockstor.Testing;
using static Microsoft.Playwright.Assertions;

namespace Rockstor.EndToEnd;

/// <summary>Two appliances on hosts of their own, fresh (not set up), and the browser.</summary>
public sealed class FreshAppliances : IAsyncLifetime
{
    private readonly TestNetwork _network = new(hosts: 2);

    public ApplianceProcess Source { get; private set; } = default!;

    public ApplianceProcess Destination { get; private set; } = default!;

    public Browser Browser { get; } = new();

    /// <summary>Names for the accounts the walk makes, removed after it.</summary>
    public TestAccounts Accounts { get; } = new();

    public async Task InitializeAsync()
    {
        Source = new ApplianceProcess(host: _network.Hosts[0]);
        Destination = new ApplianceProcess(host: _network.Hosts[1]);
        await Task.WhenAll(Source.StartAsync(), Destination.StartAsync(), Browser.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Source?.Dispose();
        Destination?.Dispose();
        _network.Dispose();
        Accounts.Dispose();
    }
}

/// <summary>The seed's tutorial, walked in Debian's Chromium as a new user walks it.</summary>
public sealed class TutorialTests(FreshAppliances two) : IClassFixture<FreshAppliances>
{
    private const string Password = "correct-horse-battery";

    [Fact(Timeout = 300_000)]
    public async Task A_new_user_pairs_two_appliances_fills_a_share_over_smb_replicates_it_watches_the_trail_and_gets_the_files_back()
    {
        var a = new Shell(await two.Browser.NewPageAsync());
        var b = new Shell(await two.Browser.NewPageAsync());
        try
        {
            await WalkAsync(a, b);
        }
        catch (Exception e)
        {
            // What each screen showed when it failed, beside the test's screenshots.
            await a.ScreenshotAsync("failed-source");
            await b.ScreenshotAsync("failed-destination");
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- the browser ---\n{string.Join("\n", two.Browser.Log)}\n--- source ---\n{two.Source.Log}\n--- destination ---\n{two.Destination.Log}");
        }
    }

    private async Task WalkAsync(Shell a, Shell b)
    {

        // First start: the admin account and the hostname, on both.
        await new AccountPages(a.Page, two.Source.BaseAddress).OpenSetUpAsync();
        await a.ExpectAccessibleAsync("Setup");
        await new AccountPages(a.Page, two.Source.BaseAddress).SetUpAsync("nas1", Password);
        await new AccountPages(b.Page, two.Destination.BaseAddress).SetUpAsync("nas2", Password);

        // Pair them from the first, with the second's admin login, once its certificate is the one the
        // second's About page shows; turn on replication on both.
        var fingerprint = await new AboutPage(b).FingerprintAsync();
        await new AppliancesPage(a).PairAsync(two.Destination.Address, two.Destination.Port, Password, "nas2", fingerprint, "tutorial-pair-fingerprint");
        await new ServicesPage(a).TurnOnReplicationAsync();
        await new ServicesPage(b).TurnOnReplicationAsync();

        // A pool on each (on an image file), a share with files on the first; a bad name is refused.
        await new PoolsPage(a).CreateOnImageAsync("tank", 2);
        await new PoolsPage(b).CreateOnImageAsync("tank", 2);
        var shares = new SharesPage(a);
        await shares.TryCreateAsync("-docs");
        await Expect(shares.Refusal).ToContainTextAsync("start with a letter or a digit");
        await a.ScreenshotAsync("tutorial-bad-share-name");
        await shares.CancelDialogAsync();
        await shares.CreateAsync("docs");
        var docs = await shares.PathOfAsync("docs");

        // A user for the files; the share becomes theirs and is offered over SMB; the files arrive from a
        // client on the network (smbclient, from the test's own host) as a person's computer would send them.
        var user = two.Accounts.Name();
        await new UsersPage(a).CreateAsync(user, Password, "tutorial-create-user");
        await shares.SetOwnerAsync("docs", user);
        await shares.ExportOverSmbAsync("docs", "tutorial-smb-export");
        await new ServicesPage(a).TurnOnSambaAsync();
        var local = Directory.CreateDirectory(Path.Combine(two.Source.Sandbox.Root, "client-files")).FullName;
        WriteFiles(local);
        var (copied, said) = new SmbClient(two.Source.Address).Run("docs", user, Password, $"lcd {local}; prompt OFF; recurse ON; mput *");
        Assert.True(copied == 0, said);
        Assert.Equal(Hashes(local), Hashes(docs));

        // A replication task to the other appliance (limited to 8 MB/s, as over a WAN, so the first run
        // lasts a few seconds): it starts at once, and its trail shows it going, then done, live.
        var send = new SendPage(a);
        await send.AddTaskAsync("docs", "nas2", "tank", bandwidthLimitMBps: 8);
        var trail = await send.OpenTrailAsync("docs");
        await a.Page.EvaluateAsync("() => window.rockstorNoReload = true");
        await Expect(trail.NewestState).ToHaveAttributeAsync("data-status", "running");
        await Expect(trail.NewestPercent).ToBeVisibleAsync();
        await a.ScreenshotAsync("tutorial-send-trail-running");
        await Expect(trail.NewestState).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 120_000 });
        Assert.True(await a.Page.EvaluateAsync<bool>("() => window.rockstorNoReload === true"), "the trail page was reloaded");
        await a.ScreenshotAsync("tutorial-send-trail");
        await a.GoAsync("Send");
        await Expect(a.Table("Replication tasks").Locator("[data-task-state]").First).ToContainTextAsync("succeeded");
        await a.ScreenshotAsync("tutorial-send");

        // The destination's side: what it received, and its trail.
        var received = await new ReceivePage(b).OpenTrailAsync("docs");
        await Expect(received.NewestState).ToHaveAttributeAsync("data-status", "succeeded");
        await b.ScreenshotAsync("tutorial-receive-trail");
        await b.ExpectAccessibleAsync("Receive trail (destination)");
        await b.GoAsync("Receive");
        await b.ExpectAccessibleAsync("Receive with a replica (destination)");

        // Protect the destination's history: no policy, whatever the source proposes, deletes a received
        // snapshot for 14 days.
        await new ReceivePage(b).ProtectAsync("docs", "nas1", 14, "tutorial-protection");
        await Expect(b.Table("Incoming replicas")).ToContainTextAsync("14 days");

        // Snapshots of the share on the first appliance every hour, thinned by a policy; run once now.
        var schedules = new SchedulesPage(a);
        await schedules.AddHourlyAsync("hourly", 1, "tutorial-schedule");
        await schedules.RunNowAsync("hourly");
        await a.ExpectAccessibleAsync("Snapshot schedules");
        await schedules.OpenSnapshotsOfAsync("hourly");
        await Expect(a.Table("Snapshots")).ToContainTextAsync("schedule hourly");
        await a.ScreenshotAsync("tutorial-snapshots-schedule");
        await a.ExpectAccessibleAsync("Snapshots of a schedule");

        // Getting the files back where they came from: the first asks the second for its snapshot, as a new share.
        await a.GoAsync("Send");
        await a.Page.GetByRole(AriaRole.Button, new() { Name = "Restore docs from nas2" }).ClickAsync();
        await a.Dialog.WaitForAsync();
        var restore = a.Dialog.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true });
        await Expect(restore).ToBeEnabledAsync();
        await a.ExpectAccessibleAsync("Send -> Restore docs from nas2");
        await a.ScreenshotAsync("tutorial-restore");
        await restore.ClickAsync();
        await a.SnackbarAsync("Asked nas2 to send");
        var restored = await new SharesPage(a).PathOfArrivingAsync("docs-restored", TimeSpan.FromSeconds(90));
        Assert.Equal(Hashes(docs), Hashes(restored));

        // Or on the second: clone the received snapshot into a share, and read them.
        var snapshots = new SnapshotsPage(b);
        await snapshots.OpenAsync();
        var clone = b.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Clone .+_docs\/replication-") }).First;
        var key = (await clone.GetAttributeAsync("aria-label"))!["Clone ".Length..];
        await b.ScreenshotAsync("tutorial-snapshots");
        await b.ExpectAccessibleAsync("Snapshots with received snapshots (destination)");
        await snapshots.CloneAsync(key, "docs-copy");
        var copy = await new SharesPage(b).PathOfCreatedAsync("docs-copy");
        Assert.Equal(Hashes(docs), Hashes(copy));

        // Every page of the walk, on both appliances, within their Content-Security-Policy.
        Assert.Empty(two.Browser.PolicyViolations);
    }

    private static void WriteFiles(string root)
    {
        var random = new Random(7);
        Directory.CreateDirectory(Path.Combine(root, "Projects"));
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(Path.Combine(root, "Projects", $"report-{i}.txt"), $"Quarterly report {i}\n");
        }

        var photo = new byte[24 << 20];
        random.NextBytes(photo);
        File.WriteAllBytes(Path.Combine(root, "holiday.raw"), photo);
    }

    private static SortedDictionary<string, string> Hashes(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
