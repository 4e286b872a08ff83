namespace Rockstor.EndToEnd.Pages;

/// <summary>
/// System -> About: this appliance, its hostname, and its certificate's fingerprint, which the admin of
/// another one checks when pairing.
/// </summary>
public sealed class AboutPage(Shell shell)
{
    public async Task RenameAsync(string hostname)
    {
        await shell.GoAsync("About");
        await shell.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Change hostname" }).ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("Hostname"), hostname);
        await shell.Dialog.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await shell.SnackbarAsync($"now called {hostname}");
    }

    /// <summary>The fingerprint as the page shows it (groups of four hex digits).</summary>
    public async Task<string> FingerprintAsync()
    {
        await shell.GoAsync("About");
        var row = shell.Page.GetByRole(Microsoft.Playwright.AriaRole.Row).Filter(new() { HasText = "Certificate fingerprint (SHA-256)" });
        return (await row.Locator("code").InnerTextAsync()).Trim();
    }
}
