using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Services;
using Rockstor.Web.Components.Replication;
using Rockstor.Web.Components.Sharing;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Settings;

/// <summary>The appliance's services with their state, live; a switch turns each on or off, and Replication, Samba, NFS and SFTP have their settings.</summary>
public sealed partial class Services : IDisposable
{
    private IReadOnlyList<ServiceStatus> _services = [];

    [Inject]
    private ServiceMonitor Monitor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override void OnInitialized()
    {
        _services = Monitor.List();
        Monitor.Changed += OnChanged;
    }

    public void Dispose() => Monitor.Changed -= OnChanged;

    // The monitor pushes every change; the screen redraws without a reload.
    private void OnChanged(ServiceStatus _) => InvokeAsync(() =>
    {
        _services = Monitor.List();
        StateHasChanged();
    });

    private Task SetAsync(ServiceStatus service, bool on) => Snackbar.TryAsync(async () =>
    {
        var status = await Monitor.SetEnabledAsync(service.Name, on, CancellationToken.None);
        if (status.State == ServiceState.Failed)
        {
            Snackbar.Add($"{service.Title} could not start: {status.Error}", Severity.Error);
        }
        else
        {
            Snackbar.Add($"{service.Title} is {(on ? "on" : "off")}.", Severity.Success);
        }
    });

    private async Task ReplicationSettingsAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReplicationListenerDialog>("Replication settings");
        if (await dialog.Result is { Canceled: false, Data: ReplicationListenerChange change })
        {
            var where = change.Settings.ListenAddress ?? "all addresses";
            var untold = change.Peers.Count(p => !p.Told);
            Snackbar.Add(
                $"Replication settings saved: {where}, port {change.Settings.Port}." + (untold > 0 ? $" {untold} paired appliance(s) must be told by hand." : ""),
                untold > 0 ? Severity.Warning : Severity.Success);
        }
    }

    private async Task SambaSettingsAsync()
    {
        var dialog = await Dialogs.ShowAsync<SambaSettingsDialog>("Samba settings");
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Samba settings saved.", Severity.Success);
        }
    }

    private async Task NfsSettingsAsync()
    {
        var dialog = await Dialogs.ShowAsync<NfsSettingsDialog>("NFS settings");
        if (await dialog.Result is { Canceled: false, Data: bool v3 })
        {
            Snackbar.Add($"NFS settings saved: NFSv3 {(v3 ? "on" : "off")}.", Severity.Success);
        }
    }

    private async Task SftpSettingsAsync()
    {
        var dialog = await Dialogs.ShowAsync<SftpSettingsDialog>("SFTP settings");
        if (await dialog.Result is { Canceled: false, Data: int port })
        {
            Snackbar.Add($"SFTP settings saved: port {port}.", Severity.Success);
        }
    }

    private static Color Colour(ServiceState state) => state switch
    {
        ServiceState.Running => Color.Success,
        ServiceState.Failed => Color.Error,
        _ => Color.Default,
    };
}
