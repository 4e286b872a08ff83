using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Shares;
using SchedulesPage = Rockstor.Web.Components.Pages.Storage.SnapshotSchedules;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Snapshot schedules screen rendered by bUnit over the real services, a real store and real btrfs.</summary>
public sealed class SnapshotSchedulesScreenTests : ScreenTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Context.Services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("pool1", 1), _ct);
        await Context.Services.GetRequiredService<ShareService>().CreateAsync("pool1", "docs", _ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_schedule_added_in_the_dialog_is_listed_paused_from_its_row_and_deleted_only_after_the_question()
    {
        var schedules = Context.Services.GetRequiredService<SnapshotScheduleService>();
        var screen = Render();

        await OpenAddAsync(screen);
        Field(screen, "Name prefix").Change("hourly");
        Field(screen, "Daily").Change("14");
        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Single(schedules.List()), TimeSpan.FromSeconds(10));
        var added = schedules.List()[0];
        Assert.Equal(["docs"], added.Shares);
        Assert.Equal((60, "hourly", false, true), (added.FrequencyMinutes, added.Prefix, added.Writable, added.Enabled));
        Assert.Equal(new RetentionPolicy(Last: 24, Daily: 14, Weekly: 4, Monthly: 12), added.Retention);
        await screen.WaitForAssertionAsync(() => Assert.Contains("24 last, 14 daily, 4 weekly, 12 monthly", screen.Find("table").TextContent, StringComparison.Ordinal));

        await screen.InvokeAsync(() => screen.Find("input[aria-label='Schedule hourly enabled']").Change(false));
        Assert.False(schedules.Require(added.Id).Enabled);

        await screen.InvokeAsync(() => screen.Find("button[aria-label='Delete schedule hourly']").Click());
        await WaitForDialogAsync(screen);
        Assert.Contains("the ones it took stay", screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        Assert.Single(schedules.List()); // nothing before the answer
        Click(screen, "Delete schedule");
        await screen.WaitForAssertionAsync(() => Assert.Empty(schedules.List()), TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_schedule_the_appliance_cannot_keep_is_refused_in_the_dialog_with_the_reason()
    {
        var screen = Render();

        await OpenAddAsync(screen);
        Field(screen, "Name prefix").Change("replication-mine");
        Click(screen, "Add");

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("may not start with 'replication-'", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Empty(Context.Services.GetRequiredService<SnapshotScheduleService>().List());
    }

    /// <summary>Opens "Add schedule" and waits until the dialog has read the shares (the only one is chosen).</summary>
    private static async Task OpenAddAsync(IRenderedComponent<ContainerFragment> screen)
    {
        await screen.InvokeAsync(() => screen.FindAll("button").Single(b => b.TextContent.Trim() == "Add schedule").Click());
        await WaitForDialogAsync(screen);
        await screen.WaitForAssertionAsync(() => Assert.Equal("docs", Field(screen, "Shares").GetAttribute("value")), TimeSpan.FromSeconds(10));
    }

    private IRenderedComponent<ContainerFragment> Render() =>
        RenderPage<SchedulesPage>();
}
