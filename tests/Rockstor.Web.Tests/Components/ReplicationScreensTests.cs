using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Shares;
using Rockstor.Web.Components.Replication;

namespace Rockstor.Web.Tests.Components;

/// <summary>The add-task dialog and the trail view, rendered by bUnit over the real services and store.</summary>
public sealed class ReplicationScreensTests : ScreenTests
{
    private const string TargetId = "9a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact(Timeout = 60_000)]
    public async Task Adding_a_task_with_nothing_chosen_says_what_is_missing_and_warns_that_the_service_is_off()
    {
        var screen = await OpenDialogAsync();

        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Contains("Choose the share to replicate.", Alert(screen), StringComparison.Ordinal));
        Assert.Contains("The Replication service is off on this appliance", screen.Markup, StringComparison.Ordinal);
        Assert.Empty(Context.Services.GetRequiredService<IReplicationTaskRepository>().List());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_schedule_that_cannot_run_is_refused_in_the_dialog_and_a_good_one_is_saved()
    {
        await Context.Services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("pool1", 1), _ct);
        await Context.Services.GetRequiredService<ShareService>().CreateAsync("pool1", "docs", _ct);
        Context.Services.GetRequiredService<IPairedApplianceRepository>().Save(new PairedAppliance
        {
            Id = TargetId,
            Hostname = "backup",
            Host = "127.0.0.1",
            ManagementPort = 1, // nobody answers: the pools cannot be read, so the admin types one
            ReplicationPort = 10555,
            CertificateFingerprint = new string('A', 64),
            OutgoingCredential = "secret",
            IncomingCredentialHash = "hash",
            PairedAt = DateTimeOffset.UtcNow,
        });
        var screen = await OpenDialogAsync();
        await screen.WaitForAssertionAsync(() => Assert.True(screen.Markup.Contains("Could not read the target's pools", StringComparison.Ordinal), screen.Markup), TimeSpan.FromSeconds(30));
        Assert.Equal("10555", Field(screen, "Replication port on the target").GetAttribute("value"));

        await screen.InvokeAsync(() => Field(screen, "Pool on the target").Change("tank"));
        await screen.InvokeAsync(() => Field(screen, "N").Change("5"));
        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Contains("Every 300 minutes cannot be scheduled", Alert(screen), StringComparison.Ordinal));
        Assert.Empty(Context.Services.GetRequiredService<IReplicationTaskRepository>().List());

        await screen.InvokeAsync(() => Field(screen, "N").Change("6"));
        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")));
        var task = Assert.Single(Context.Services.GetRequiredService<IReplicationTaskRepository>().List());
        Assert.Equal(("docs", TargetId, "tank", 360, 10555, 5), (task.Share, task.TargetApplianceId, task.TargetPool, task.FrequencyMinutes, task.Port, task.Retention.Last));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_trail_shows_a_new_attempt_its_progress_and_its_end_without_a_reload()
    {
        var task = new ReplicationTask { Share = "docs", TargetApplianceId = TargetId, TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };
        Context.Services.GetRequiredService<IReplicationTaskRepository>().Save(task);
        var owner = task.Id;
        var trails = Context.Services.GetRequiredService<ITrailRepository>();
        var events = Context.Services.GetRequiredService<IReplicationEvents>();
        trails.Save(TrailSide.Send, new Attempt { OwnerId = owner, StartedAt = DateTimeOffset.UtcNow.AddHours(-1), EndedAt = DateTimeOffset.UtcNow.AddHours(-1), Status = AttemptStatus.Succeeded, Snapshot = "replication-7-old" });
        var trail = Context.Render<TrailTable>(p => p.Add(t => t.Side, TrailSide.Send).Add(t => t.OwnerId, owner));
        Assert.Single(trail.FindAll("tbody tr"));

        var attempt = new Attempt { OwnerId = owner, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Running, Snapshot = "replication-7-new", Parent = "replication-7-old" };
        trails.Save(TrailSide.Send, attempt);
        events.AttemptChanged(TrailSide.Send, attempt);
        await trail.WaitForAssertionAsync(() => Assert.Equal("running", Status(trail, attempt.Id)));

        // Half of a 10 MiB stream in 5 s: 50 %, 5 s left.
        events.Progress(new AttemptProgress(TrailSide.Send, owner, attempt.Id, 5 << 20, 1 << 20, 5 << 20, 10 << 20, 5));
        await trail.WaitForAssertionAsync(() => Assert.Equal("5242880", trail.Find($"tr.attempt-{attempt.Id} td[data-bytes]").GetAttribute("data-bytes")));
        Assert.Equal("50", trail.Find($"tr.attempt-{attempt.Id} [data-percent]").GetAttribute("data-percent"));
        Assert.Contains("50% · 5 s left", trail.Find($"tr.attempt-{attempt.Id} td[data-bytes]").TextContent, StringComparison.Ordinal);
        events.Progress(new AttemptProgress(TrailSide.Receive, owner, attempt.Id, 1, 1, 1, 0, null)); // the other side's news is not this trail's

        attempt.Status = AttemptStatus.Succeeded;
        attempt.EndedAt = DateTimeOffset.UtcNow;
        attempt.Bytes = 6 * 1024 * 1024;
        events.AttemptChanged(TrailSide.Send, attempt);

        await trail.WaitForAssertionAsync(() => Assert.Equal("succeeded", Status(trail, attempt.Id)));
        Assert.Contains("6.0 MiB", trail.Find($"tr.attempt-{attempt.Id}").TextContent, StringComparison.Ordinal);
        Assert.Empty(trail.FindAll($"tr.attempt-{attempt.Id} [data-percent]"));
        Assert.Equal(2, trail.FindAll("tbody tr").Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Only_a_running_attempt_offers_cancel_run_which_asks_first_and_says_when_the_run_has_already_ended()
    {
        var task = new ReplicationTask { Share = "docs", TargetApplianceId = TargetId, TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };
        Context.Services.GetRequiredService<IReplicationTaskRepository>().Save(task);
        var trails = Context.Services.GetRequiredService<ITrailRepository>();
        trails.Save(TrailSide.Send, new Attempt { OwnerId = task.Id, StartedAt = DateTimeOffset.UtcNow.AddHours(-1), EndedAt = DateTimeOffset.UtcNow.AddHours(-1), Status = AttemptStatus.Succeeded });
        // Recorded as running, but no run is under way in this process (as after a crash, before the start-up settles it).
        trails.Save(TrailSide.Send, new Attempt { OwnerId = task.Id, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Running });
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<TrailTable>(t => t.Add(x => x.Side, TrailSide.Send).Add(x => x.OwnerId, task.Id)));

        var cancel = Assert.Single(screen.FindAll("[data-cancel-run]"));
        await screen.InvokeAsync(() => cancel.Click());
        await screen.WaitForAssertionAsync(() => Assert.Contains("Stop this run now?", screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel run").Click());

        await screen.WaitForAssertionAsync(() => Assert.Contains($"Task {task.Id} has no run under way: there is nothing to cancel.", screen.Markup, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_long_trail_is_shown_a_page_at_a_time_and_a_new_attempt_does_not_move_an_older_page()
    {
        var task = new ReplicationTask { Share = "docs", TargetApplianceId = TargetId, TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };
        Context.Services.GetRequiredService<IReplicationTaskRepository>().Save(task);
        var trails = Context.Services.GetRequiredService<ITrailRepository>();
        var ids = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            var done = new Attempt { OwnerId = task.Id, StartedAt = DateTimeOffset.UtcNow.AddHours(i - 60), Status = AttemptStatus.Succeeded, Snapshot = $"replication-{i}" };
            trails.Save(TrailSide.Send, done);
            ids.Add(done.Id);
        }

        var newestFirst = Enumerable.Reverse(ids).ToList();
        var trail = Context.Render<TrailTable>(p => p.Add(t => t.Side, TrailSide.Send).Add(t => t.OwnerId, task.Id));

        Assert.Equal(newestFirst.Take(TrailTable.PageSize), RowIds(trail));
        Assert.Equal("60", trail.Find("[data-total]").GetAttribute("data-total"));
        await trail.InvokeAsync(() => trail.FindAll(".mud-pagination button").Single(b => b.TextContent.Trim() == "3").Click());
        Assert.Equal(newestFirst.Skip(2 * TrailTable.PageSize), RowIds(trail));

        var attempt = new Attempt { OwnerId = task.Id, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Running, Snapshot = "replication-new" };
        trails.Save(TrailSide.Send, attempt);
        Context.Services.GetRequiredService<IReplicationEvents>().AttemptChanged(TrailSide.Send, attempt);
        await trail.WaitForAssertionAsync(() => Assert.Equal("61", trail.Find("[data-total]").GetAttribute("data-total")));
        Assert.Equal(newestFirst.Skip(2 * TrailTable.PageSize), RowIds(trail));

        await trail.InvokeAsync(() => trail.FindAll(".mud-pagination button").Single(b => b.TextContent.Trim() == "1").Click());
        Assert.Equal([attempt.Id, .. newestFirst.Take(TrailTable.PageSize - 1)], RowIds(trail));
    }

    [Fact(Timeout = 60_000)]
    public async Task Many_incoming_replicas_are_shown_a_page_at_a_time()
    {
        var replicas = Context.Services.GetRequiredService<IIncomingReplicaRepository>();
        for (var i = 1; i <= 30; i++)
        {
            replicas.Save(new IncomingReplica { SenderApplianceId = TargetId, SenderTaskId = i, SourceShare = $"share{i:00}", ReplicaShare = $"{TargetId}_share{i:00}", Pool = "tank" });
        }

        var screen = Context.Render<ContainerFragment>(p => p.AddChildContent<MudPopoverProvider>().AddChildContent<Web.Components.Pages.Replication.Receive>());
        Assert.Equal(Enumerable.Range(1, Web.Components.Replication.ReplicationScreens.PageSize).Select(i => $"share{i:00}"), SourceShares(screen));
        Assert.Equal("30", screen.Find("[data-total]").GetAttribute("data-total"));

        await screen.InvokeAsync(() => screen.FindAll(".mud-pagination button").Single(b => b.TextContent.Trim() == "2").Click());
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"share{i:00}"), SourceShares(screen));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_promoted_replica_says_what_it_became_and_one_with_nothing_received_cannot_be_promoted()
    {
        var replicas = Context.Services.GetRequiredService<IIncomingReplicaRepository>();
        replicas.Save(new IncomingReplica { SenderApplianceId = TargetId, SenderTaskId = 1, SourceShare = "docs", ReplicaShare = $"{TargetId}_docs", Pool = "tank" });
        replicas.Save(new IncomingReplica { SenderApplianceId = TargetId, SenderTaskId = 2, SourceShare = "media", ReplicaShare = $"{TargetId}_media", Pool = "tank" });
        replicas.SavePromotion(1, new Domain.Replication.Promotion.ReplicaPromotion("docs-live", "replication-1-20261130T100000000Z", DateTimeOffset.UtcNow));

        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<Web.Components.Pages.Replication.Receive>());

        Assert.Equal("promoted to docs-live", screen.Find("[data-promoted]").TextContent.Trim());
        await screen.InvokeAsync(() => screen.Find("button[aria-label^='Browse the newest copy of media ']").Click());
        await screen.WaitForAssertionAsync(() => Assert.Contains("Nothing of media has been received yet.", screen.Markup, StringComparison.Ordinal));
        Assert.Empty(screen.FindAll("button[aria-label^='Promote docs ']"));
        await screen.InvokeAsync(() => screen.Find("button[aria-label^='Promote media ']").Click());
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll(".mud-dialog button")));
        await screen.InvokeAsync(() => screen.Find(".mud-dialog input[type='checkbox']").Change(true));
        Assert.True(screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Promote").HasAttribute("disabled"));
        Assert.Null(replicas.Find(2)!.Promotion);
    }

    [Fact(Timeout = 60_000)]
    public async Task Restoring_from_an_appliance_that_cannot_be_reached_says_why_and_asks_for_nothing()
    {
        Context.Services.GetRequiredService<IPairedApplianceRepository>().Save(new PairedAppliance
        {
            Id = TargetId,
            Hostname = "backup",
            Host = "127.0.0.1",
            ManagementPort = 1, // nobody answers
            ReplicationPort = 10555,
            CertificateFingerprint = new string('A', 64),
            OutgoingCredential = "secret",
            IncomingCredentialHash = "hash",
            PairedAt = DateTimeOffset.UtcNow,
        });
        var screen = Context.Render<ContainerFragment>(p => p.AddChildContent<MudPopoverProvider>().AddChildContent<MudDialogProvider>());

        await screen.InvokeAsync(() => Context.Services.GetRequiredService<IDialogService>().ShowAsync<RestoreDialog>(
            "Restore", new DialogParameters<RestoreDialog> { { d => d.ApplianceId, TargetId }, { d => d.Hostname, "backup" }, { d => d.Share, "docs" } }));

        await screen.WaitForAssertionAsync(() => Assert.Contains("Could not read what backup holds: Could not reach 127.0.0.1:1", Alert(screen), StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Restore").HasAttribute("disabled"));
        Assert.Empty(Context.Services.GetRequiredService<Domain.Replication.Restores.IPendingRestoreRepository>().List(10));
    }

    private async Task<IRenderedComponent<ContainerFragment>> OpenDialogAsync()
    {
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>());
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        await screen.InvokeAsync(() => dialogs.ShowAsync<ReplicationTaskDialog>("Add replication task"));
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll(".mud-dialog button")));
        return screen;
    }

    private static string Alert(IRenderedComponent<ContainerFragment> screen) => screen.Find(".mud-dialog [role='alert']").TextContent;

    private static List<string> SourceShares(IRenderedComponent<ContainerFragment> screen) =>
        screen.FindAll("[aria-label='Incoming replicas'] td[data-label='Source share']").Select(c => c.TextContent.Trim()).ToList();

    private static List<long> RowIds(IRenderedComponent<TrailTable> trail) =>
        trail.FindAll("tbody tr.attempt-row")
            .Select(r => long.Parse(r.ClassList.Single(c => c.StartsWith("attempt-", StringComparison.Ordinal) && c != "attempt-row")["attempt-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static string? Status(IRenderedComponent<TrailTable> trail, long id) =>
        trail.Find($"tr.attempt-{id} td[data-status]").GetAttribute("data-status");
}
