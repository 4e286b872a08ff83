using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Listening;

namespace Rockstor.Web.Components.Appliances;

/// <summary>
/// Pairs with another appliance. Given no fingerprint, the first "Add" only reads the certificate the
/// address presents and shows its fingerprint; the admin password is sent once the admin has ticked
/// "I checked this fingerprint" and pressed "Add" again (pairing then requires that very certificate).
/// </summary>
public sealed partial class AddApplianceDialog
{
    private string _host = "";
    private int _port = Api.ApplianceApi.DefaultManagementPort;
    private string _username = "admin";
    private string _password = "";
    private string _fingerprint = "";
    private string? _error;
    private bool _busy;

    /// <summary>The fingerprint the address presented, and the address it is for.</summary>
    private (string Fingerprint, string Host, int Port)? _presented;
    private bool _confirmed;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PairingService Pairing { get; set; } = default!;

    [Inject]
    private ReplicationListenerService Listener { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The fingerprint to confirm, while the address is still the one it was read from.</summary>
    private string? Presented => _presented is { } p && p.Host == _host.Trim() && p.Port == _port ? p.Fingerprint : null;

    private string Where => $"{Echo.Of(_host.Trim())}:{_port}";

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var fingerprint = !string.IsNullOrWhiteSpace(_fingerprint) ? _fingerprint : _confirmed ? Presented : null;
            var ownPort = new Uri(Navigation.BaseUri).Port;
            var peer = await Pairing.PairAsync(
                new AddApplianceRequest(_host, _port, _username, _password, fingerprint),
                ownPort,
                Listener.Port(),
                CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(peer));
        }
        catch (CertificateNotConfirmedException e)
        {
            _presented = (e.Fingerprint, _host.Trim(), _port);
            _confirmed = false;
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
