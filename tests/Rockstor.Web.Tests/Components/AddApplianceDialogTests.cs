using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Appliances;
using Rockstor.Testing;
using Rockstor.Web.Components.Appliances;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Add appliance dialog over the real pairing service, pairing with an HTTPS server of the test's own.</summary>
public sealed class AddApplianceDialogTests : ScreenTests
{
    private const string TheirPassword = "their-admin-password";

    [Fact(Timeout = 60_000)]
    public async Task The_dialog_shows_the_certificate_s_fingerprint_and_sends_the_password_only_once_the_admin_checked_it()
    {
        await using var other = await PairingSink.StartAsync("127.0.0.1");
        var (screen, dialog) = await OpenAsync();
        Fill(screen, other, fingerprint: "");

        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Contains(PairingService.Grouped(other.Fingerprint), screen.Find("[data-presented-fingerprint]").TextContent, StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{other.Port} presents a certificate", screen.Find("[data-presented-fingerprint]").TextContent, StringComparison.Ordinal);
        Assert.True(AddButton(screen).HasAttribute("disabled")); // not before the box is ticked
        Assert.Empty(other.Requests);
        Assert.Empty(Context.Services.GetRequiredService<IPairedApplianceRepository>().List());

        await screen.InvokeAsync(() => Checkbox(screen, "I checked this fingerprint").Change(true));
        Click(screen, "Add");

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30));
        var paired = Assert.IsType<PairedAppliance>(result!.Data);
        Assert.Equal((PairingSink.Id, other.Fingerprint), (paired.Id, paired.CertificateFingerprint));
        var offer = Assert.Single(other.Requests);
        Assert.Equal("/api/pairing", offer.Path);
        Assert.Contains(TheirPassword, offer.Body, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_fingerprint_typed_in_the_dialog_pairs_at_the_first_add_and_a_wrong_one_is_refused_without_sending_anything()
    {
        await using var other = await PairingSink.StartAsync("127.0.0.1");
        var (screen, dialog) = await OpenAsync();

        Fill(screen, other, fingerprint: new string('A', 64));
        Click(screen, "Add");

        await screen.WaitForAssertionAsync(() => Assert.Contains("does not match the fingerprint you entered", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Empty(other.Requests);

        Fill(screen, other, fingerprint: PairingService.Grouped(other.Fingerprint).ToLowerInvariant());
        Click(screen, "Add");

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PairingSink.Id, Assert.IsType<PairedAppliance>(result!.Data).Id);
        Assert.Single(other.Requests);
    }

    private async Task<(IRenderedComponent<ContainerFragment> Screen, IDialogReference Dialog)> OpenAsync()
    {
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>());
        IDialogReference? dialog = null;
        await screen.InvokeAsync(async () => dialog = await Context.Services.GetRequiredService<IDialogService>().ShowAsync<AddApplianceDialog>("Add appliance"));
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll(".mud-dialog button")));
        return (screen, dialog!);
    }

    private static void Fill(IRenderedComponent<ContainerFragment> screen, PairingSink other, string fingerprint)
    {
        Field(screen, "Host or IP address").Change(other.Address);
        Field(screen, "Management port").Change(other.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(screen, "Admin password").Change(TheirPassword);
        Field(screen, "Certificate fingerprint (optional)").Change(fingerprint);
    }

    private static void Click(IRenderedComponent<ContainerFragment> screen, string text) =>
        screen.InvokeAsync(() => screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();

    private static AngleSharp.Dom.IElement AddButton(IRenderedComponent<ContainerFragment> screen) =>
        screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Add");

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<ContainerFragment> screen, string label) =>
        screen.FindAll(".mud-dialog input[type=checkbox]").Single(i => i.Closest("label")?.TextContent.Contains(label, StringComparison.Ordinal) == true);

    /// <summary>The input of the field with the label.</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ContainerFragment> screen, string label) =>
        screen.FindAll(".mud-dialog .mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label)
            .QuerySelector("input")!;
}
