using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>Storage -> Pools.</summary>
public sealed class PoolsPage(Shell shell)
{
    public async Task CreateOnImageAsync(string name, int sizeGiB)
    {
        await shell.GoAsync("Pools");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Create pool" }).ClickAsync();
        await shell.Dialog.GetByLabel("Name").FillAsync(name);
        await shell.Dialog.GetByLabel("Image size (GiB)").FillAsync(sizeGiB.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
        await shell.Dialog.GetByLabel("Name").FillAsync(name);
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
    }

    public ILocator Refusal => shell.Dialog.GetByRole(AriaRole.Alert);

    public async Task CreateAsync(string name)
    {
        await TryCreateAsync(name);
        await Row(name).WaitForAsync();
    }

    /// <summary>The folder of a share made elsewhere (a clone), once the Shares table lists it.</summary>
    public async Task<string> PathOfCreatedAsync(string name)
    {
        await shell.GoAsync("Shares");
        await Row(name).WaitForAsync();
        return await PathOfAsync(name);
    }

    /// <summary>The share's folder on the appliance, as the table shows it.</summary>
    public async Task<string> PathOfAsync(string name) =>
        (await Row(name).Locator("td[data-label='Path']").InnerTextAsync()).Trim();

    public async Task CancelDialogAsync() => await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

    private ILocator Row(string name) =>
        shell.Table("Shares").GetByRole(AriaRole.Row).Filter(new() { Has = shell.Page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }) });
}
