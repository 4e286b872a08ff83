using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Appliances;
using Rockstor.Testing;
using AboutPage = Rockstor.Web.Components.Pages.Settings.SystemPage;
using AppliancesPage = Rockstor.Web.Components.Pages.Appliances.Appliances;

namespace Rockstor.Web.Tests.Components;

/// <summary>"Use my own certificate" on the About page, and a paired appliance's announced certificate on the Appliances screen.</summary>
public sealed class CertificateScreensTests : ScreenTests
{
    private const string PeerId = "9f5a6b7c8d9e40f1a2b3c4d5e6f7a8b9";

    [Fact(Timeout = 60_000)]
    public async Task The_about_page_checks_two_pem_files_shows_the_new_fingerprint_and_uses_it_once_the_admin_ticks_that_they_understand()
    {
        var mine = TestCertificates.Pem();
        var local = Context.Services.GetRequiredService<ILocalCertificate>();
        var old = local.Fingerprint;
        var screen = RenderPage<AboutPage>();

        await CheckInDialogAsync(screen, mine.CertificatePem, mine.KeyPem, "nas");

        await screen.WaitForAssertionAsync(() => Assert.Equal(mine.Fingerprint, screen.Find("[data-new-fingerprint]").GetAttribute("data-new-fingerprint")), TimeSpan.FromSeconds(10));
        Assert.Equal(old, local.Fingerprint);
        Assert.True(screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Use this certificate").HasAttribute("disabled"));
        screen.Find(".mud-dialog input[type='checkbox']").Change(true);
        Click(screen, "Use this certificate");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")), TimeSpan.FromSeconds(10));
        Assert.Equal(mine.Fingerprint, local.Fingerprint);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_weak_key_is_refused_inside_the_dialog_and_nothing_changes()
    {
        var weak = TestCertificates.Pem(rsaBits: 1024);
        var local = Context.Services.GetRequiredService<ILocalCertificate>();
        var old = local.Fingerprint;
        var screen = RenderPage<AboutPage>();

        await CheckInDialogAsync(screen, weak.CertificatePem, weak.KeyPem, "weak");

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("RSA key has 1024 bits", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Equal(old, local.Fingerprint);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_announced_certificate_shows_on_the_appliances_screen_until_the_admin_confirms_it()
    {
        // The appliance at the address we know it by presents the certificate it announced: a confirm probes it.
        await using var peer = await PairingSink.StartAsync("127.0.0.1");
        var announced = peer.Fingerprint;
        var appliances = Context.Services.GetRequiredService<IPairedApplianceRepository>();
        appliances.Save(new PairedAppliance
        {
            Id = PeerId,
            Hostname = "backup",
            Host = peer.Address,
            ManagementPort = peer.Port,
            ReplicationPort = 10555,
            CertificateFingerprint = new string('A', 64),
            OutgoingCredential = "secret",
            IncomingCredentialHash = "hash",
            PairedAt = DateTimeOffset.UtcNow,
        });
        await Context.Services.GetRequiredService<CertificateRepinning>().AnnouncedAsync(PeerId, announced, CancellationToken.None);
        var screen = RenderPage<AppliancesPage>();

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("backup announced a new certificate", screen.Find($"[data-pending-certificate='{PeerId}']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
        Assert.Equal(new string('A', 64), appliances.Find(PeerId)!.CertificateFingerprint);
        screen.Find($"[data-pending-certificate='{PeerId}'] button").Click();
        await WaitForDialogAsync(screen);
        Click(screen, "Confirm new certificate");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll("[data-pending-certificate]")), TimeSpan.FromSeconds(20));
        var pinned = appliances.Find(PeerId)!;
        Assert.Equal((announced, null), (pinned.CertificateFingerprint, pinned.PendingFingerprint));
    }

    /// <summary>Opens "Use my own certificate", gives it the two PEM files (as name.crt and name.key), and asks it to check them.</summary>
    private async Task CheckInDialogAsync(IRenderedComponent<ContainerFragment> screen, string certificatePem, string keyPem, string name)
    {
        screen.FindAll("button").Single(b => b.TextContent.Trim() == "Use my own certificate").Click();
        await WaitForDialogAsync(screen);
        var files = screen.FindComponents<InputFile>();
        files[0].UploadFiles(InputFileContent.CreateFromText(certificatePem, $"{name}.crt"));
        files[1].UploadFiles(InputFileContent.CreateFromText(keyPem, $"{name}.key"));
        await screen.WaitForAssertionAsync(() => Assert.Contains($"{name}.key", screen.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Click(screen, "Check");
    }
}
