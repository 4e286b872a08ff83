using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>System -> Appliances: pairing with another appliance.</summary>
public sealed class AppliancesPage(Shell shell)
{
    public async Task PairAsync(string host, int port, string password, string expectedHostname)
    {
        await shell.GoAsync("Appliances");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Add appliance" }).ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("Host or IP address"), host);
        await shell.FillAsync(shell.Dialog.GetByLabel("Management port"), port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await shell.FillAsync(shell.Dialog.GetByLabel("Admin username"), "admin");
        await shell.FillAsync(shell.Dialog.GetByLabel("Admin password"), password);
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await shell.Table("Paired appliances").GetByText(expectedHostname, new() { Exact = true }).WaitForAsync();
    }
}

/// <summary>System -> Services: the Replication service.</summary>
public sealed class ServicesPage(Shell shell)
{
    public async Task TurnOnReplicationAsync()
    {
        await shell.GoAsync("Services");
        await shell.Page.GetByLabel("Replication on").CheckAsync();
        await shell.Page.Locator("tr[data-service='replication']").GetByText("running").WaitForAsync();
    }
}
