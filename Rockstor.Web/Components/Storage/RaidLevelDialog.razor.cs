using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Components.Storage;

/// <summary>
/// Changes a pool's data and metadata raid levels (a converting balance). A change that lowers redundancy
/// or goes to raid5/6 shows what it means and asks for a tick first.
/// </summary>
public sealed partial class RaidLevelDialog
{
    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PoolOperationService Operations { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public string Pool { get; set; } = "";

    [Parameter]
    public RaidLevel Data { get; set; }

    [Parameter]
    public RaidLevel Metadata { get; set; }

    [Parameter]
    public int DeviceCount { get; set; }

    private RaidLevel _data;
    private RaidLevel _metadata;
    private bool _confirmed;
    private bool _busy;
    private string? _error;

    protected override void OnInitialized()
    {
        _data = Data;
        _metadata = Metadata;
    }

    /// <summary>A tick given for one change does not go with another.</summary>
    private void Unconfirm() => _confirmed = false;

    private async Task ChangeAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var operation = await Operations.BalanceAsync(Pool, _data, _metadata, _confirmed, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(operation));
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
