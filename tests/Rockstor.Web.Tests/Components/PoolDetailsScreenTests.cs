using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;
using Rockstor.Web.Components.Pages.Storage;

namespace Rockstor.Web.Tests.Components;

/// <summary>A pool's page rendered by bUnit over the real services and real btrfs on loop disks.</summary>
public sealed class PoolDetailsScreenTests : ScreenTests
{
    [Fact(Timeout = 180_000)]
    public async Task A_disk_is_replaced_by_clicking_and_the_page_follows_the_replacement_to_its_end()
    {
        var pools = Context.Services.GetRequiredService<PoolService>();
        var first = Sandbox.AttachLoopDisk();
        var second = Sandbox.AttachLoopDisk();
        var spare = Sandbox.AttachLoopDisk();
        var view = await pools.CreateAsync(new CreateDiskPool("mirror", RaidLevel.Raid1, [first, second]), CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(view.MountPoint, "kept.bin"), new byte[8 << 20]);
        var screen = RenderPage<PoolDetails>(page => page.Add(p => p.Name, "mirror"));
        await screen.WaitForAssertionAsync(() => Assert.Contains(first, screen.Find("[aria-label='Disks of the pool']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => screen.Find($"button[aria-label='Replace {first}']").Click());
        await WaitForDialogAsync(screen);
        await screen.WaitForAssertionAsync(() => Assert.Contains(spare, screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog label").Single(l => l.TextContent.Contains(spare, StringComparison.Ordinal)).QuerySelector("input")!.Click());
        Click(screen, "Replace");
        await FollowAsync(screen, "mirror");

        await screen.WaitForAssertionAsync(
            () =>
            {
                Assert.Contains(spare, screen.Find("[aria-label='Disks of the pool']").TextContent, StringComparison.Ordinal);
                Assert.DoesNotContain(first, screen.Find("[aria-label='Disks of the pool']").TextContent, StringComparison.Ordinal);
                Assert.Contains("finished", screen.Find("[aria-label='Operations of the pool']").TextContent, StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(30));
        Assert.Equal([spare, second], pools.Require("mirror").Devices);
    }

    [Fact(Timeout = 180_000)]
    public async Task Lowering_the_raid_level_asks_for_a_tick_that_says_what_is_lost_and_then_converts()
    {
        var pools = Context.Services.GetRequiredService<PoolService>();
        await pools.CreateAsync(new CreateDiskPool("lower", RaidLevel.Raid1, [Sandbox.AttachLoopDisk(), Sandbox.AttachLoopDisk()]), CancellationToken.None);
        var screen = RenderPage<PoolDetails>(page => page.Add(p => p.Name, "lower"));
        await screen.WaitForAssertionAsync(() => Assert.Contains("Data on raid1", screen.Find("[data-pool-summary]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => screen.FindAll("button").Single(b => b.TextContent.Trim() == "Change raid level").Click());
        await WaitForDialogAsync(screen);
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog label").First(l => l.TextContent.Trim() == "single").QuerySelector("input")!.Click());
        await screen.WaitForAssertionAsync(() => Assert.Contains("no longer survives the loss of a disk", screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Click(screen, "Change");
        await screen.WaitForAssertionAsync(() => Assert.Contains("Confirm the change", screen.Find(".mud-dialog [role=alert]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog label").Single(l => l.TextContent.Contains("I understand", StringComparison.Ordinal)).QuerySelector("input")!.Change(true));
        Click(screen, "Change");
        await FollowAsync(screen, "lower");

        await screen.WaitForAssertionAsync(() => Assert.Contains("Data on single, metadata on raid1", screen.Find("[data-pool-summary]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal(RaidLevel.Single, pools.Require("lower").RaidLevel);
    }

    /// <summary>Polls btrfs as the appliance's poller does until the pool's operation has ended.</summary>
    private async Task FollowAsync<T>(IRenderedComponent<T> screen, string pool)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var monitor = Context.Services.GetRequiredService<PoolOperationMonitor>();
        var operations = Context.Services.GetRequiredService<PoolOperationService>();
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(operations.List(pool)), TimeSpan.FromSeconds(30));
        for (var i = 0; i < 600 && operations.Active(pool) is not null; i++)
        {
            await monitor.PollAsync(CancellationToken.None);
            await Task.Delay(200);
        }

        Assert.Null(operations.Active(pool));
    }
}
