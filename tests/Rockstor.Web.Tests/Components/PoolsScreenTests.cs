using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Pools;
using PoolsPage = Rockstor.Web.Components.Pages.Storage.Pools;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Pools screen rendered by bUnit over the real services and real btrfs.</summary>
public sealed class PoolsScreenTests : ScreenTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_pool_s_settings_are_saved_from_its_row_and_the_pool_is_remounted_with_them()
    {
        var pools = Context.Services.GetRequiredService<PoolService>();
        var view = await pools.CreateAsync(new CreateImagePool("tuned", 1), CancellationToken.None);
        var screen = RenderPage<PoolsPage>();
        await screen.WaitForAssertionAsync(() => Assert.Contains("ok", screen.Find("td[data-pool-health='tuned']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => screen.Find("button[aria-label='Settings of pool tuned']").Click());
        await WaitForDialogAsync(screen);
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog label").Single(l => l.TextContent.Contains("noatime: do not record", StringComparison.Ordinal) && l.QuerySelector("input[type=checkbox]") is not null).QuerySelector("input[type=checkbox]")!.Change(true));
        Field(screen, "Commit interval (seconds; 0: btrfs's 30)").Change("60");
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(
            () => Assert.Equal(["noatime", "commit=60"], pools.Require("tuned").MountOptions.Options),
            TimeSpan.FromSeconds(10));
        var mounted = File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Single(f => f[1] == view.MountPoint)[3].Split(',');
        Assert.Contains("noatime", mounted);
        Assert.Contains("commit=60", mounted);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_empty_disk_is_added_to_a_pool_from_its_row()
    {
        var pools = Context.Services.GetRequiredService<PoolService>();
        var first = Sandbox.AttachLoopDisk();
        var second = Sandbox.AttachLoopDisk();
        await pools.CreateAsync(new CreateDiskPool("growing", Domain.Storage.RaidLevel.Single, [first]), CancellationToken.None);
        var screen = RenderPage<PoolsPage>();
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll("button[aria-label='Add disks to pool growing']")), TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => screen.Find("button[aria-label='Add disks to pool growing']").Click());
        await WaitForDialogAsync(screen);
        await screen.WaitForAssertionAsync(() => Assert.Contains(second, screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog label").Single(l => l.TextContent.Contains(second, StringComparison.Ordinal) && l.QuerySelector("input[type=checkbox]") is not null).QuerySelector("input[type=checkbox]")!.Change(true));
        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Equal([first, second], pools.Require("growing").Devices), TimeSpan.FromSeconds(30));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pool_is_created_on_a_disk_ticked_after_turning_to_whole_disks_and_the_name_typed_first_is_kept()
    {
        var pools = Context.Services.GetRequiredService<PoolService>();
        var disk = Sandbox.AttachLoopDisk();
        var screen = await CreateOnDiskAsync("ondisk", disk);
        Click(screen, "Create");

        await screen.WaitForAssertionAsync(() => Assert.Equal([disk], pools.Require("ondisk").Devices), TimeSpan.FromSeconds(30));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_removable_pool_made_from_the_dialog_is_left_unmounted_and_shown_as_ready_to_pull()
    {
        var pools = Context.Services.GetRequiredService<PoolService>();
        var disk = Sandbox.AttachLoopDisk();
        var screen = await CreateOnDiskAsync("usb", disk);
        await TickAsync(screen, "Removable (a USB disk");
        Click(screen, "Create");

        await screen.WaitForAssertionAsync(() => Assert.True(pools.Require("usb").Removable), TimeSpan.FromSeconds(30));
        Assert.False(await pools.IsMountedAsync(pools.Require("usb"), CancellationToken.None));
        await screen.WaitForAssertionAsync(() => Assert.Contains("not mounted: ready to pull", screen.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.NotEmpty(screen.FindAll("[data-removable]"));
    }

    /// <summary>The Pools page with its create dialog open: the name typed, turned to whole disks (which lists the disk only then), the disk ticked.</summary>
    private async Task<IRenderedComponent<ContainerFragment>> CreateOnDiskAsync(string name, string disk)
    {
        var screen = RenderPage<PoolsPage>();
        await screen.WaitForAssertionAsync(() => Assert.Contains(screen.FindAll("button"), b => b.TextContent.Trim() == "Create pool"), TimeSpan.FromSeconds(30));
        await screen.InvokeAsync(() => screen.FindAll("button").First(b => b.TextContent.Trim() == "Create pool").Click());
        await WaitForDialogAsync(screen);
        Field(screen, "Name").Change(name);
        Assert.DoesNotContain(disk, screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        await screen.InvokeAsync(() => screen.FindAll(".mud-dialog input[type=radio]")[1].Click());
        await screen.WaitForAssertionAsync(() => Assert.Contains(disk, screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await TickAsync(screen, disk);
        return screen;
    }

    /// <summary>Ticks the dialog's box whose label says <paramref name="label"/>.</summary>
    private static Task TickAsync(IRenderedComponent<ContainerFragment> screen, string label) =>
        screen.InvokeAsync(() => screen.FindAll(".mud-dialog label")
            .Single(l => l.TextContent.Contains(label, StringComparison.Ordinal) && l.QuerySelector("input[type=checkbox]") is not null)
            .QuerySelector("input[type=checkbox]")!.Change(true));
}
