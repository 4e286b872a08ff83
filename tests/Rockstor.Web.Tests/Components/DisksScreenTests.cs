using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Testing;
using DisksPage = Rockstor.Web.Components.Pages.Storage.Disks;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Disks screen rendered by bUnit over the real services, over a loop device the test attached.</summary>
public sealed class DisksScreenTests : ScreenTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_disk_is_wiped_only_after_a_question_that_names_it_and_what_it_holds()
    {
        var disk = Sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.btrfs", "-q", disk);
        var screen = RenderPage<DisksPage>();
        await screen.WaitForAssertionAsync(
            () => Assert.Contains("a btrfs filesystem this appliance does not know", screen.Find($"td[data-disk='{disk}']").ParentElement!.TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => screen.Find($"button[aria-label='Wipe {disk}']").Click());
        await WaitForDialogAsync(screen);
        var question = screen.Find(".mud-dialog").TextContent;
        Assert.Contains($"{disk} ({Rockstor.Domain.Common.Bytes.Format(1L << 30)}) holds a btrfs filesystem this appliance does not know", question, StringComparison.Ordinal);
        Assert.Equal("btrfs", Sandbox.Run("blkid", "-p", "-o", "value", "-s", "TYPE", disk).Trim()); // nothing before the answer

        Click(screen, $"Wipe {disk}");

        await screen.WaitForAssertionAsync(() => Assert.Equal(2, Sandbox.TryRun("blkid", "-p", disk).ExitCode), TimeSpan.FromSeconds(30));
        await screen.WaitForAssertionAsync(
            () => Assert.Contains("nothing the appliance can find", screen.Find($"td[data-disk='{disk}']").ParentElement!.TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_disk_without_smart_shows_so_from_its_row_and_offers_no_self_test()
    {
        var disk = Sandbox.AttachLoopDisk();
        var screen = RenderPage<DisksPage>();
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll($"button[aria-label='SMART of {disk}']")), TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => screen.Find($"button[aria-label='SMART of {disk}']").Click());
        await WaitForDialogAsync(screen);

        await screen.WaitForAssertionAsync(
            () => Assert.Equal($"This disk reports no SMART data (virtual disks and loop devices have none): {disk}: Unable to detect device type.", screen.Find("[data-smart-none]").TextContent.Trim()),
            TimeSpan.FromSeconds(30));
        var tests = screen.FindAll(".mud-dialog button").Where(b => b.TextContent.Contains("self-test", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Short self-test", "Long self-test"], tests.Select(b => b.TextContent.Trim()));
        Assert.All(tests, b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_self_test_schedule_is_saved_from_the_screen_and_one_that_is_not_cron_says_why_and_saves_nothing()
    {
        var schedules = Context.Services.GetRequiredService<SelfTestScheduleService>();
        var screen = RenderPage<DisksPage>();
        var longField = screen.FindAll("input").Single(i => i.GetAttribute("placeholder") == "0 4 1 * *");

        await screen.InvokeAsync(() => longField.Change("at night"));
        await screen.InvokeAsync(() => screen.Find("button[aria-label='Save the self-test schedule']").Click());
        await screen.WaitForAssertionAsync(() => Assert.Contains("The long self-test's schedule: 'at night' is not a cron expression", screen.Markup, StringComparison.Ordinal));
        Assert.Equal(SelfTestSchedule.None, schedules.Get());

        await screen.InvokeAsync(() => screen.FindAll("input").Single(i => i.GetAttribute("placeholder") == "0 3 * * 0").Change("0 3 * * 0"));
        await screen.InvokeAsync(() => screen.FindAll("input").Single(i => i.GetAttribute("placeholder") == "0 4 1 * *").Change(""));
        await screen.InvokeAsync(() => screen.Find("button[aria-label='Save the self-test schedule']").Click());

        await screen.WaitForAssertionAsync(() => Assert.Contains("The self-test schedule is saved.", screen.Markup, StringComparison.Ordinal));
        Assert.Equal(new SelfTestSchedule("0 3 * * 0", null), schedules.Get());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_foreign_btrfs_disk_is_imported_from_its_row_after_a_look_at_what_it_becomes()
    {
        var disk = Sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.btrfs", "-q", "-L", "oldnas", disk);
        var root = Directory.CreateDirectory(Path.Combine(Sandbox.Root, "by-hand")).FullName;
        Sandbox.Run("mount", disk, root);
        try
        {
            Sandbox.Run("btrfs", "subvolume", "create", Path.Combine(root, "family"));
        }
        finally
        {
            Sandbox.Run("umount", root);
        }

        var screen = RenderPage<DisksPage>();
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll($"button[aria-label='Import the pool on {disk}']")), TimeSpan.FromSeconds(30));
        await screen.InvokeAsync(() => screen.Find($"button[aria-label='Import the pool on {disk}']").Click());
        await WaitForDialogAsync(screen);
        await screen.WaitForAssertionAsync(() => Assert.Contains("share family", screen.Find(".mud-dialog").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal("oldnas", Field(screen, "Pool name").GetAttribute("value"));
        Click(screen, "Import");

        var pools = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Rockstor.Domain.Pools.PoolService>(Context.Services);
        await screen.WaitForAssertionAsync(() => Assert.True(pools.Require("oldnas").Devices.SequenceEqual([disk])), TimeSpan.FromSeconds(30));
    }
}
