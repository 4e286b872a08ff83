using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>The first-start form and the login form (plain forms, before the app shell).</summary>
public sealed class AccountPages(IPage page, Uri appliance)
{
    /// <summary>The first-start form, before anything is typed.</summary>
    public async Task OpenSetUpAsync() => await page.GotoAsync(new Uri(appliance, "/setup").ToString());

    public async Task SetUpAsync(string hostname, string password)
    {
        await OpenSetUpAsync();
        await page.GetByLabel("Hostname").FillAsync(hostname);
        await page.GetByLabel("Admin password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up" }).ClickAsync();
        await Shell.ReadyAsync(page);
    }

    public async Task LogInAsync(string password)
    {
        await page.GotoAsync(new Uri(appliance, "/login").ToString());
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Shell.ReadyAsync(page);
    }
}
