using Microsoft.Playwright;
using Rockstor.Testing;

namespace Rockstor.EndToEnd.Pages;

/// <summary>Storage -> Pools.</summary>
public sealed class PoolsPage(Shell shell)
{
    public async Task CreateOnImageAsync(string name, int sizeGiB)
    {
        await shell.GoAsync("Pools");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Create pool" }).ClickAsync();

        // The dialog moves the focus itself a moment after it opens; text typed then lands in another
        // field. Fill both and look at both, until both hold what was typed.
        var nameField = shell.Dialog.GetByLabel("Name");
        var sizeField = shell.Dialog.GetByLabel("Size of each image file (GiB)");
        var size = sizeGiB.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 1; await nameField.InputValueAsync() != name || await sizeField.InputValueAsync() != size; attempt++)
        {
            Assert.True(attempt <= 5, $"The pool dialog would not take '{name}' and {size} GiB.");
            await shell.FillAsync(nameField, name);
            await shell.FillAsync(sizeField, size);
            await shell.Page.WaitForTimeoutAsync(300);
        }

        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await shell.Table("Pools").GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
    }
}

/// <summary>Storage -> Shares.</summary>
public sealed class SharesPage(Shell shell)
{
    /// <summary>Fills the create dialog and presses Create; the dialog stays open when the name is refused.</summary>
    public async Task TryCreateAsync(string name)
    {
        await shell.GoAsync("Shares");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Create share" }).ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("Name"), name);
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
    }

    public ILocator Refusal => shell.Dialog.GetByRole(AriaRole.Alert);

    public async Task CreateAsync(string name)
    {
        await TryCreateAsync(name);
        await Row(name).WaitForAsync();
    }

    /// <summary>The folder of a share made elsewhere (a clone), once the Shares table lists it.</summary>
    /// <summary>Waits, opening the screen again and again, for a share that something else makes (a restore).</summary>
    public async Task<string> PathOfArrivingAsync(string name, TimeSpan within)
    {
        await Waiting.UntilAsync(
            async () =>
            {
                await shell.GoAsync("Shares");
                await shell.Page.ReloadAsync();
                await Row(name).WaitForAsync(new() { Timeout = 2_000 });
            },
            within);
        return await PathOfAsync(name);
    }

    public async Task<string> PathOfCreatedAsync(string name)
    {
        await shell.GoAsync("Shares");
        await Row(name).WaitForAsync();
        return await PathOfAsync(name);
    }

    /// <summary>The share's folder on the appliance, as the table shows it.</summary>
    public async Task<string> PathOfAsync(string name) =>
        (await Row(name).Locator("td[data-label='Path']").InnerTextAsync()).Trim();

    /// <summary>Gives the share to a user, with permissions that let its owner write and others read.</summary>
    public async Task SetOwnerAsync(string name, string owner)
    {
        await shell.GoAsync("Shares");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = $"Settings of share {name}" }).ClickAsync();
        await shell.ChooseAsync(shell.Dialog.GetByLabel("Owner"), owner);
        await shell.FillAsync(shell.Dialog.GetByLabel("Permissions"), "0755");
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Row(name).Locator("td[data-label='Owner']").Filter(new() { HasText = owner }).WaitForAsync();
    }

    /// <summary>Offers the share over SMB to every user of the appliance, with its snapshots as previous versions.</summary>
    public async Task ExportOverSmbAsync(string name, string? screenshot = null)
    {
        await shell.GoAsync("Shares");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = $"SMB export of share {name}" }).ClickAsync();
        await shell.Dialog.GetByLabel("Offer this share over SMB").CheckAsync();
        if (screenshot is not null)
        {
            await shell.ScreenshotAsync(screenshot);
        }

        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await shell.SnackbarAsync($"SMB export of '{name}' saved.");
    }

    public async Task CancelDialogAsync() => await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

    private ILocator Row(string name) =>
        shell.Table("Shares").GetByRole(AriaRole.Row).Filter(new() { Has = shell.Page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }) });
}

/// <summary>Storage -> Pools -> a pool's page.</summary>
public sealed class PoolPage(Shell shell)
{
    public async Task OpenAsync(string pool)
    {
        await shell.GoAsync("Pools");
        await shell.Table("Pools").GetByRole(AriaRole.Link, new() { Name = pool, Exact = true }).ClickAsync();
        await shell.Page.Locator("h1").Filter(new() { HasText = $"Pool {pool}" }).WaitForAsync();
    }

    public ILocator Disks => shell.Table("Disks of the pool");

    public ILocator History => shell.Table("Operations of the pool");

    /// <summary>Replaces the disk with the spare by clicking: its row's Replace, the spare in the dialog, Replace.</summary>
    public async Task ReplaceAsync(string disk, string spare)
    {
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = $"Replace {disk}" }).ClickAsync();
        await shell.Dialog.GetByText(spare).ClickAsync();
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Replace", Exact = true }).ClickAsync();
    }
}
