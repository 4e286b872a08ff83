namespace Rockstor.EndToEnd.Pages;

/// <summary>System -> About: this appliance, and its certificate's fingerprint, which the admin of another one checks when pairing.</summary>
public sealed class AboutPage(Shell shell)
{
    /// <summary>The fingerprint as the page shows it (groups of four hex digits).</summary>
    public async Task<string> FingerprintAsync()
    {
        await shell.GoAsync("About");
        var row = shell.Page.GetByRole(Microsoft.Playwright.AriaRole.Row).Filter(new() { HasText = "Certificate fingerprint (SHA-256)" });
        return (await row.Locator("code").InnerTextAsync()).Trim();
    }
}
