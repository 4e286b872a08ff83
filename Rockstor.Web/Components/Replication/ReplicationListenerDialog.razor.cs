using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Listening;

namespace Rockstor.Web.Components.Replication;

/// <summary>
/// Where the Replication service listens (an address of this machine or all, and a port), changed without a
/// restart. A place refused (a port taken or another server's) shows here and changes nothing; after a new
/// port, the dialog names the paired appliances told of it and those to tell by hand.
/// </summary>
public sealed partial class ReplicationListenerDialog
{
    private const string AllAddresses = "";

    private IReadOnlyList<string> _addresses = [];
    private string _address = AllAddresses;
    private int _port;
    private string? _error;
    private bool _busy;
    private ReplicationListenerChange? _change;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private ReplicationListenerService Listener { get; set; } = default!;

    protected override void OnInitialized()
    {
        var settings = Listener.Settings();
        _addresses = Listener.Addresses();
        _address = settings.ListenAddress ?? AllAddresses;
        _port = settings.Port;
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var change = await Listener.SetAsync(new ReplicationListenerRequest(_address, _port), CancellationToken.None);
            if (change.Peers.Count == 0)
            {
                MudDialog.Close(DialogResult.Ok(change));
            }
            else
            {
                _change = change;
            }
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
