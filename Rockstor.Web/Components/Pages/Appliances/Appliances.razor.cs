using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Web.Components.Appliances;
using Rockstor.Web.Components.Replication;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Appliances;

/// <summary>
/// The paired appliances, each checked for an answer as the page opens; pair one, remove one after a
/// confirmation, ask one for a snapshot back, confirm the new certificate one announced; and the restores asked for here.
/// </summary>
public partial class Appliances
{
    private IReadOnlyList<PairedAppliance> _appliances = [];
    private IReadOnlyList<PendingRestore> _restores = [];
    private readonly Dictionary<string, PeerCheck> _checks = [];

    [Inject]
    private PairingService Pairing { get; set; } = default!;

    [Inject]
    private RestoreService Restores { get; set; } = default!;

    [Inject]
    private CertificateRepinning Repinning { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _appliances = Pairing.List();
        _restores = Restores.List();
        _checks.Clear();
        StateHasChanged();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var checks = _appliances.Where(a => a.State == PairingState.Paired)
            .Select(async a => (a.Id, Check: await Pairing.CheckAsync(a.Id, timeout.Token)))
            .ToList();
        foreach (var (id, check) in await Task.WhenAll(checks))
        {
            _checks[id] = check;
        }
    }

    private string Status(PairedAppliance appliance) => appliance.State == PairingState.RemovalPending
        ? "removed here; waiting to tell it"
        : _checks.TryGetValue(appliance.Id, out var check) ? (check.Ok ? "reachable" : check.Message) : "checking…";

    private async Task AddAsync()
    {
        var dialog = await Dialogs.ShowAsync<AddApplianceDialog>("Add appliance");
        if (await dialog.Result is { Canceled: false, Data: PairedAppliance added })
        {
            Snackbar.Add($"Paired with {added.Hostname}; it lists this appliance too.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RestoreAsync(PairedAppliance appliance)
    {
        var parameters = new DialogParameters<RestoreDialog> { { d => d.ApplianceId, appliance.Id }, { d => d.Hostname, appliance.Hostname } };
        var dialog = await Dialogs.ShowAsync<RestoreDialog>($"Restore from {appliance.Hostname}", parameters);
        if (await dialog.Result is { Canceled: false, Data: PendingRestore asked })
        {
            Snackbar.Add($"Asked {appliance.Hostname} to send '{asked.Snapshot}' back; the list below shows how it goes.", Severity.Info);
            await LoadAsync();
        }
    }

    /// <summary>Pins the certificate the appliance announced, after the admin confirms it once more.</summary>
    private async Task RepinAsync(PairedAppliance appliance)
    {
        var fingerprint = appliance.PendingFingerprint!;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Confirm new certificate",
            $"Pin {appliance.Hostname}'s new certificate {PairingService.Grouped(fingerprint)}? Its old certificate is refused from then on.",
            yesText: "Confirm new certificate", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Snackbar.TryAsync(
            () => Repinning.ConfirmAsync(appliance.Id, fingerprint, CancellationToken.None),
            done: $"{appliance.Hostname}'s new certificate is pinned; replication with it goes on.");
        await LoadAsync();
    }

    private async Task RemoveAsync(PairedAppliance appliance)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove appliance",
            $"Remove {appliance.Hostname} ({appliance.Id})? Replication to and from it stops, and it is told to forget this appliance.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Snackbar.TryAsync(async () =>
        {
            var outcome = await Pairing.RemoveAsync(appliance.Id, CancellationToken.None);
            Snackbar.Add(
                outcome == RemovalOutcome.Removed
                    ? $"{appliance.Hostname} removed on both sides."
                    : $"{appliance.Hostname} removed here; it is unreachable and will be told when it is back.",
                outcome == RemovalOutcome.Removed ? Severity.Success : Severity.Warning);
        });
        await LoadAsync();
    }
}
