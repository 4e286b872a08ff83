using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Configuration;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Web.Components.Pages.Settings;

namespace Rockstor.Web.Tests.Components;

/// <summary>System -> Configuration over the real configuration service and store.</summary>
public sealed class ConfigurationScreenTests : ScreenTests
{
    private const string Passphrase = "a long enough passphrase";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ApplianceCertificate.LoadOrCreate(Sandbox.DataDirectory).Dispose();
        Context.Services.GetRequiredService<ApplianceIdentity>().Rename("nas1");
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_different_passphrases_are_refused_and_the_same_one_twice_downloads_the_file_named_after_the_appliance()
    {
        var screen = RenderPage<ConfigurationPage>();
        await screen.InvokeAsync(() => ExportField(screen, 0).Change(Passphrase));
        await screen.InvokeAsync(() => ExportField(screen, 1).Change(Passphrase + "!"));
        await screen.InvokeAsync(() => screen.FindAll("[data-export] button").Single(b => b.TextContent.Trim() == "Export").Click());

        await screen.WaitForAssertionAsync(() => Assert.Contains("The two passphrases differ", screen.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Empty(Context.JSInterop.Invocations["rockstorDownload"]);

        await screen.InvokeAsync(() => ExportField(screen, 1).Change(Passphrase));
        await screen.InvokeAsync(() => screen.FindAll("[data-export] button").Single(b => b.TextContent.Trim() == "Export").Click());

        await screen.WaitForAssertionAsync(() => Assert.Single(Context.JSInterop.Invocations["rockstorDownload"]));
        Assert.Matches(@"^rockstor-nas1-\d{8}-\d{4}\.rockstor-config$", (string)Context.JSInterop.Invocations["rockstorDownload"].Single().Arguments[0]!);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_import_asks_first_and_a_wrong_passphrase_is_said_and_changes_nothing()
    {
        var file = (await Context.Services.GetRequiredService<ConfigurationService>().ExportAsync(Passphrase, CancellationToken.None)).Content;
        Context.Services.GetRequiredService<ApplianceIdentity>().Rename("nas2");
        var screen = RenderPage<ConfigurationPage>();
        await screen.InvokeAsync(() => screen.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "nas1.rockstor-config")));
        await screen.WaitForAssertionAsync(() => Assert.Contains("nas1.rockstor-config", screen.Find("[data-import]").TextContent, StringComparison.Ordinal));
        await screen.InvokeAsync(() => screen.Find("[data-import]").QuerySelectorAll("input:not([type='file'])")[0].Change("not the passphrase at all"));

        await screen.InvokeAsync(() => screen.FindAll("[data-import] button").Single(b => b.TextContent.Trim() == "Import").Click());
        await WaitForDialogAsync(screen);
        Click(screen, "Cancel");
        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")));

        await screen.InvokeAsync(() => screen.FindAll("[data-import] button").Single(b => b.TextContent.Trim() == "Import").Click());
        await WaitForDialogAsync(screen);
        Click(screen, "Import");

        await screen.WaitForAssertionAsync(() => Assert.Contains("The passphrase does not open this file.", screen.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Equal("nas2", Context.Services.GetRequiredService<ApplianceIdentity>().Current.Hostname);
        Assert.Empty(screen.FindAll("[data-outcome]"));
    }

    /// <summary>The export's passphrase field (0) or its repetition (1).</summary>
    private static AngleSharp.Dom.IElement ExportField<T>(IRenderedComponent<T> screen, int index)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        screen.Find("[data-export]").QuerySelectorAll("input")[index];
}
