using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Web.Components.Replication;

/// <summary>Promotes an incoming replica: which received snapshot (the newest by default) becomes which share, confirmed.</summary>
public partial class PromoteDialog
{
    private IReadOnlyList<Snapshot> _received = [];
    private string? _snapshot;
    private string _share = "";
    private bool _understood;
    private bool _busy;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private ReplicaPromoter Promoter { get; set; } = default!;

    [Inject]
    private ReplicationQueries Queries { get; set; } = default!;

    [Parameter, EditorRequired]
    public IncomingReplica Replica { get; set; } = default!;

    protected override void OnParametersSet()
    {
        _received = Queries.Received(Replica);
        _snapshot ??= _received.FirstOrDefault()?.Name;
        if (_share.Length == 0)
        {
            _share = Replica.SourceShare;
        }
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var view = await Promoter.PromoteAsync(Replica.Id, new PromoteRequest(_share, _snapshot));
            MudDialog.Close(DialogResult.Ok(view.Share.Name));
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
