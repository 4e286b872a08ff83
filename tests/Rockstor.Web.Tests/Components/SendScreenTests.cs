using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Services;
using SendPage = Rockstor.Web.Components.Pages.Replication.Send;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Send screen over the real services, store and Replication service.</summary>
public sealed class SendScreenTests : ScreenTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Context.Services.GetRequiredService<ServiceMonitor>().SetEnabledAsync("replication", true, CancellationToken.None);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_diverged_task_is_re_seeded_only_after_the_admin_confirms_what_happens_to_the_old_snapshots()
    {
        var tasks = Context.Services.GetRequiredService<IReplicationTaskRepository>();
        var task = NewTask("docs");
        task.Diverged = true;
        tasks.Save(task);
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<SendPage>());
        Assert.Contains("diverged", screen.Find($"[data-task-state='{task.Id}']").TextContent, StringComparison.Ordinal);

        await ClickAsync(screen, $"button[aria-label='Re-seed task {task.Id}']");
        await screen.WaitForAssertionAsync(() => Assert.Contains("its retention replaces them (unless it protects them)", screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        await ClickAsync(screen, ".mud-dialog button", "Cancel");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")));
        Assert.False(tasks.Find(task.Id)!.ReseedRequested);

        await ClickAsync(screen, $"button[aria-label='Re-seed task {task.Id}']");
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll(".mud-dialog")));
        await ClickAsync(screen, ".mud-dialog button", "Send everything");

        await screen.WaitForAssertionAsync(() => Assert.True(tasks.Find(task.Id)!.ReseedRequested));
        await screen.WaitForAssertionAsync(() => Assert.Contains("a full send has started", screen.Markup, StringComparison.Ordinal));
        Assert.Contains("Re-seeding", screen.Find($"button[aria-label='Re-seed task {task.Id}']").TextContent, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Many_tasks_are_shown_a_page_at_a_time()
    {
        var tasks = Context.Services.GetRequiredService<IReplicationTaskRepository>();
        for (var i = 1; i <= 30; i++)
        {
            tasks.Save(NewTask($"share{i:00}"));
        }

        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<SendPage>());

        Assert.Equal(Enumerable.Range(1, Web.Components.Replication.ReplicationScreens.PageSize).Select(i => $"share{i:00}"), Shares(screen));
        Assert.Contains("30 task(s)", screen.Markup, StringComparison.Ordinal);
        await ClickAsync(screen, ".mud-pagination button", "2");
        Assert.Equal(Enumerable.Range(Web.Components.Replication.ReplicationScreens.PageSize + 1, 30 - Web.Components.Replication.ReplicationScreens.PageSize).Select(i => $"share{i:00}"), Shares(screen));
    }

    private static ReplicationTask NewTask(string share) => new()
    {
        Share = share,
        TargetApplianceId = "9a1b2c3d4e5f60718293a4b5c6d7e8f9",
        TargetPool = "tank",
        FrequencyMinutes = 60,
        Port = 10002,
        Retention = RetentionPolicy.KeepLast(4),
        Enabled = true,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static List<string> Shares(IRenderedComponent<ContainerFragment> screen) =>
        screen.FindAll("tr.task-row td[data-label='Share']").Select(c => c.TextContent.Trim()).ToList();

    private static Task ClickAsync(IRenderedComponent<ContainerFragment> screen, string selector, string? text = null) =>
        screen.InvokeAsync(() => screen.FindAll(selector).First(b => text is null || b.TextContent.Trim() == text).Click());
}
