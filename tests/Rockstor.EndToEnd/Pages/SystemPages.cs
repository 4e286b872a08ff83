using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>System -> Appliances: pairing with another appliance.</summary>
public sealed class AppliancesPage(Shell shell)
{
    /// <summary>
    /// Pairs as a careful admin does: the first "Add" shows the fingerprint of the certificate the address
    /// presents; it must be <paramref name="expectedFingerprint"/> (as the other appliance's About page shows
    /// it) before "I checked this fingerprint" is ticked and "Add" sends the login.
    /// </summary>
    public async Task PairAsync(string host, int port, string password, string expectedHostname, string expectedFingerprint, string? screenshot = null)
    {
        await shell.GoAsync("Appliances");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Add appliance" }).ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("Host or IP address"), host);
        await shell.FillAsync(shell.Dialog.GetByLabel("Management port"), port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await shell.FillAsync(shell.Dialog.GetByLabel("Admin username"), "admin");
        await shell.FillAsync(shell.Dialog.GetByLabel("Admin password"), password);
        var add = shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true });
        await add.ClickAsync();
        await Assertions.Expect(PresentedFingerprint).ToContainTextAsync(expectedFingerprint);
        await Assertions.Expect(add).ToBeDisabledAsync();
        await shell.Dialog.GetByLabel("I checked this fingerprint").CheckAsync();
        if (screenshot is not null)
        {
            await shell.ScreenshotAsync(screenshot);
        }

        await add.ClickAsync();
        await shell.Table("Paired appliances").GetByText(expectedHostname, new() { Exact = true }).WaitForAsync();
    }

    /// <summary>Where the Add appliance dialog shows the fingerprint of the certificate presented, for the admin to check.</summary>
    public ILocator PresentedFingerprint => shell.Dialog.Locator("[data-presented-fingerprint] code");
}

/// <summary>System -> Services: the Replication and Samba services.</summary>
public sealed class ServicesPage(Shell shell)
{
    public async Task TurnOnReplicationAsync()
    {
        await shell.GoAsync("Services");
        await shell.Page.GetByLabel("Replication on").CheckAsync();
        await shell.Page.Locator("tr[data-service='replication']").GetByText("running").WaitForAsync();
    }

    public async Task TurnOnSambaAsync()
    {
        await shell.GoAsync("Services");
        await shell.Page.GetByLabel("Samba (SMB file sharing) on").CheckAsync();
        await shell.Page.Locator("tr[data-service='samba']").GetByText("running").WaitForAsync(new() { Timeout = 30_000 });
    }
}

/// <summary>System -> Users: the people who use the shares.</summary>
public sealed class UsersPage(Shell shell)
{
    public async Task CreateAsync(string name, string password, string? screenshot = null)
    {
        await shell.GoAsync("Users");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("Name", new() { Exact = true }), name);
        await shell.FillAsync(shell.Dialog.GetByLabel("Full name"), "Alice Example");
        await shell.FillAsync(shell.Dialog.GetByLabel("Password", new() { Exact = true }), password);
        if (screenshot is not null)
        {
            await shell.ScreenshotAsync(screenshot);
        }

        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await shell.Table("Users").Locator("td[data-label='Name']").GetByText(name, new() { Exact = true }).WaitForAsync();
    }
}

/// <summary>System -> Account: the login and the password.</summary>
public sealed class AccountPage(Shell shell)
{
    public async Task OpenAsync()
    {
        await shell.GoAsync("Account");
        await shell.Page.Locator("[data-username]").WaitForAsync();
    }

    /// <summary>Opens the dialog, fills it and presses its button; the dialog stays open when the change is refused.</summary>
    public async Task ChangePasswordAsync(string current, string next, string again)
    {
        if (!await shell.Dialog.IsVisibleAsync())
        {
            await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        }

        await shell.FillAsync(shell.Dialog.GetByLabel("Current password"), current);
        await shell.FillAsync(shell.Dialog.GetByLabel("New password", new() { Exact = true }), next);
        await shell.FillAsync(shell.Dialog.GetByLabel("New password again"), again);
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }

    public ILocator Refusal => shell.Dialog.GetByRole(AriaRole.Alert);
}
