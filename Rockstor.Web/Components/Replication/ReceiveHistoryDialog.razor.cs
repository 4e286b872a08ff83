using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;

namespace Rockstor.Web.Components.Replication;

/// <summary>This appliance's own policy and protection for one incoming replica.</summary>
public sealed partial class ReceiveHistoryDialog
{
    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private ReplicaProtection Protection { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public IncomingReplica Replica { get; set; } = default!;

    private bool _followSender = true;
    private RetentionPolicy _retention = RetentionPolicy.KeepLast(5);
    private bool _useDefault = true;
    private int _days;
    private string? _error;

    protected override void OnInitialized()
    {
        _followSender = Replica.Retention is null;
        _retention = Replica.EffectiveRetention;
        _useDefault = Replica.ProtectionDays is null;
        _days = Replica.ProtectionDays ?? Protection.DefaultDays();
    }

    private async Task Submit()
    {
        _error = null;
        try
        {
            var saved = await Protection.SetAsync(Replica.Id, _followSender ? null : _retention, _followSender, _useDefault ? null : _days, _useDefault, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(saved));
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
    }
}
