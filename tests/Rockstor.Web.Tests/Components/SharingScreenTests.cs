using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Nfs;
using Rockstor.Infrastructure.Samba;
using Rockstor.Infrastructure.Sftp;
using Rockstor.Testing;
using ServicesPage = Rockstor.Web.Components.Pages.Settings.Services;
using SharesPage = Rockstor.Web.Components.Pages.Storage.Shares;

namespace Rockstor.Web.Tests.Components;

/// <summary>
/// The SMB, NFS and SFTP export dialogs of the Shares screen and the Samba and SFTP settings of the
/// Services screen, over the real services, testparm and sshd -t.
/// </summary>
public sealed class SharingScreenTests : ScreenTests
{
    private readonly TestAccounts _accounts = new();

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
    public async Task A_share_is_exported_over_nfs_from_its_row_after_a_refused_client_and_its_row_then_shows_nfs()
    {
        await Context.Services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("tank", 1), CancellationToken.None);
        await Context.Services.GetRequiredService<ShareService>().CreateAsync("tank", "media", CancellationToken.None);
        var screen = Render<SharesPage>();
        await screen.WaitForAssertionAsync(() => Assert.Contains(screen.FindAll("td"), td => td.TextContent.Trim() == "media"), TimeSpan.FromSeconds(20));
        Assert.Equal("", screen.Find("td[data-offered]").GetAttribute("data-offered"));

        screen.FindAll("button[aria-label]").Single(b => b.GetAttribute("aria-label") == "NFS export of share media").Click();
        await WaitForDialogAsync(screen);
        Switch(screen, "Export this share over NFS").Change(true);
        Field(screen, "Client").Change("every*one");
        Click(screen, "Save");
        await screen.WaitForAssertionAsync(
            () => Assert.Contains("is not a client NFS can take", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
        Field(screen, "Client").Change("192.168.1.0/24");
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(() => Assert.Equal("NFS", screen.Find("td[data-offered]").GetAttribute("data-offered")), TimeSpan.FromSeconds(20));
        var export = Context.Services.GetRequiredService<NfsService>().Get("media");
        Assert.Equal([new NfsClient("192.168.1.0/24", ReadOnly: false)], export.Clients);
        var config = await File.ReadAllTextAsync(Context.Services.GetRequiredService<GaneshaLayout>().ConfigFile);
        Assert.Contains("Clients = 192.168.1.0/24;", config, StringComparison.Ordinal);
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

    [Fact(Timeout = 120_000)]
    public async Task The_share_row_s_sftp_dialog_asks_for_a_user_and_turns_an_export_off()
    {
        await Context.Services.GetRequiredService<PoolService>().CreateAsync(new CreateImagePool("tank", 1), CancellationToken.None);
        await Context.Services.GetRequiredService<ShareService>().CreateAsync("tank", "docs", CancellationToken.None);
        var screen = Render<SharesPage>();
        await screen.WaitForAssertionAsync(() => Assert.Contains(screen.FindAll("td"), td => td.TextContent.Trim() == "docs"), TimeSpan.FromSeconds(20));

        screen.FindAll("button[aria-label]").Single(b => b.GetAttribute("aria-label") == "SFTP export of share docs").Click();
        await WaitForDialogAsync(screen);
        Switch(screen, "Offer this share over SFTP").Change(true);
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("Choose at least one user", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
        var sftp = Context.Services.GetRequiredService<SftpService>();
        Assert.False(sftp.Get("docs").Enabled);
        Click(screen, "Cancel");
        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")), TimeSpan.FromSeconds(20));

        var user = _accounts.Name();
        await Context.Services.GetRequiredService<UserService>().CreateAsync(new UserRequest(user, "secret-pass"), CancellationToken.None);
        await sftp.SetAsync("docs", new SftpExportRequest(true, [user]), CancellationToken.None);
        Assert.Contains($"AllowUsers {user}", await File.ReadAllTextAsync(Context.Services.GetRequiredService<SftpLayout>().ConfigFile), StringComparison.Ordinal);
        screen.FindAll("button[aria-label]").Single(b => b.GetAttribute("aria-label") == "SFTP export of share docs").Click();
        await WaitForDialogAsync(screen);
        Assert.Contains(screen.FindAll(".mud-dialog input"), i => i.GetAttribute("value") == user); // the users chosen, shown by the select
        Switch(screen, "Offer this share over SFTP").Change(false);
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(() => Assert.False(sftp.Get("docs").Enabled), TimeSpan.FromSeconds(20));
        Assert.Contains("DenyUsers *", await File.ReadAllTextAsync(Context.Services.GetRequiredService<SftpLayout>().ConfigFile), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_sftp_port_is_chosen_from_the_services_screen_and_one_out_of_range_is_refused_with_a_sentence()
    {
        var screen = Render<ServicesPage>();
        Assert.Contains("SFTP (file transfer over SSH)", screen.Find("tr[data-service='sftp']").TextContent, StringComparison.Ordinal);

        screen.Find("button[aria-label='SFTP settings']").Click();
        await WaitForDialogAsync(screen);
        Assert.Equal("22", Field(screen, "Port").GetAttribute("value"));
        Field(screen, "Port").Change("2200");
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")), TimeSpan.FromSeconds(20));
        Assert.Equal(2200, Context.Services.GetRequiredService<SftpService>().Port());
        Assert.Contains("Port 2200", await File.ReadAllTextAsync(Context.Services.GetRequiredService<SftpLayout>().ConfigFile), StringComparison.Ordinal);
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _accounts.Dispose();
        }
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
