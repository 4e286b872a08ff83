using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Infrastructure.Samba;
using ServicesPage = Rockstor.Web.Components.Pages.Settings.Services;
using SharesPage = Rockstor.Web.Components.Pages.Storage.Shares;

namespace Rockstor.Web.Tests.Components;

/// <summary>The SMB export dialog of the Shares screen and the Samba settings of the Services screen, over the real services and testparm.</summary>
public sealed class SharingScreenTests : ScreenTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_share_is_offered_over_smb_from_its_row_and_lands_in_samba_s_configuration()
    {
        await Context.Services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("tank", 1), CancellationToken.None);
        await Context.Services.GetRequiredService<ShareService>().CreateAsync("tank", "docs", CancellationToken.None);
        var screen = Render<SharesPage>();
        await screen.WaitForAssertionAsync(() => Assert.Contains(screen.FindAll("td"), td => td.TextContent.Trim() == "docs"), TimeSpan.FromSeconds(20));

        screen.FindAll("button[aria-label]").Single(b => b.GetAttribute("aria-label") == "SMB export of share docs").Click();
        await WaitForDialogAsync(screen);
        Switch(screen, "Offer this share over SMB").Change(true);
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(() => Assert.True(Context.Services.GetRequiredService<SmbService>().Get("docs").Enabled), TimeSpan.FromSeconds(20));
        var config = await File.ReadAllTextAsync(Context.Services.GetRequiredService<SambaLayout>().ConfigFile);
        Assert.Contains("[docs]", config, StringComparison.Ordinal);
        Assert.Contains("vfs objects = shadow_copy2", config, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Samba_settings_are_saved_from_the_services_screen_and_a_refused_option_shows_samba_s_reason()
    {
        var screen = Render<ServicesPage>();

        screen.Find("button[aria-label='Samba settings']").Click();
        await WaitForDialogAsync(screen);
        TextArea(screen, "Extra global options").Change("oplocks = perhaps");
        Click(screen, "Save");
        await screen.WaitForAssertionAsync(
            () => Assert.Contains("Samba refused the configuration", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));

        TextArea(screen, "Extra global options").Change("server string = Our files");
        Field(screen, "Workgroup").Change("office");
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")), TimeSpan.FromSeconds(20));
        var settings = Context.Services.GetRequiredService<SmbService>().Settings();
        Assert.Equal("OFFICE", settings.Workgroup);
        Assert.Equal(["server string = Our files"], settings.GlobalOptions);
    }

    private static AngleSharp.Dom.IElement TextArea<T>(IRenderedComponent<T> screen, string label)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        screen.FindAll(".mud-dialog .mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim() == label)
            .QuerySelector("textarea")!;

    private static AngleSharp.Dom.IElement Switch<T>(IRenderedComponent<T> screen, string label)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        screen.FindAll(".mud-dialog label.mud-switch").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    private IRenderedComponent<ContainerFragment> Render<TPage>()
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        Context.Render<ContainerFragment>(parameters => parameters
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<TPage>());
}
