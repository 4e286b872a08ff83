using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Restores;

namespace Rockstor.Web.Components.Replication;

/// <summary>
/// The restore dialog (ADR-017): reads from the paired appliance what it holds of this appliance's shares,
/// and asks it to send one snapshot back. <see cref="Share"/> given: that share's (from a task's row);
/// otherwise the admin picks the share (after a rebuild, from the Appliances screen).
/// </summary>
public partial class RestoreDialog
{
    private IReadOnlyList<HeldReplica>? _held;
    private IReadOnlyList<string> _pools = [];
    private string? _loadError;
    private string? _share;
    private string? _snapshot;
    private const string AsShare = "share";
    private const string Paths = "paths";
    private const string Rollback = "rollback";

    private string _what = AsShare;
    private string? _paths;
    private bool _inPlace;
    private bool _confirmed;
    private string? _newShare;
    private string? _pool;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private RestoreService Restores { get; set; } = default!;

    [Inject]
    private PoolService PoolService { get; set; } = default!;

    [Parameter, EditorRequired]
    public string ApplianceId { get; set; } = "";

    [Parameter, EditorRequired]
    public string Hostname { get; set; } = "";

    [Parameter]
    public string? Share { get; set; }

    private IReadOnlyList<HeldSnapshot> Snapshots => _held?.FirstOrDefault(r => r.SourceShare == _share)?.Snapshots ?? [];

    protected override async Task OnInitializedAsync()
    {
        _pools = (await PoolService.ListAsync(CancellationToken.None)).Where(p => p.Mounted).Select(p => p.Pool.Name).ToList();
        _pool = _pools.FirstOrDefault();
        try
        {
            var held = await Restores.HeldAsync(ApplianceId, CancellationToken.None);
            _held = Share is null ? held : held.Where(r => r.SourceShare == Share).ToList();
            ChooseShare(Share ?? _held.FirstOrDefault()?.SourceShare);
        }
        catch (RockstorException e)
        {
            _loadError = $"Could not read what {Hostname} holds: {e.Message}";
        }
    }

    private void ChooseShare(string? share)
    {
        _share = share;
        _snapshot = Snapshots.FirstOrDefault()?.Name;
        _newShare = share is null ? null : $"{share}-restored";
    }

    private async Task SubmitAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            var ask = _what switch
            {
                Rollback => new RestoreAsk(ApplianceId, _share, _snapshot, Rollback: true),
                Paths => new RestoreAsk(
                    ApplianceId,
                    _share,
                    _snapshot,
                    Paths: (_paths ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Mode: _inPlace ? "replace" : "beside"),
                _ => new RestoreAsk(ApplianceId, _share, _snapshot, _newShare, _pool),
            };
            MudDialog.Close(DialogResult.Ok(await Restores.AskAsync(ask, CancellationToken.None)));
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
