using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Import;

namespace Rockstor.Web.Components.Storage;

/// <summary>
/// Shows what importing a foreign btrfs filesystem would make (read with nothing written), takes the pool's
/// name, asks for a tick when disks are missing, then imports it.
/// </summary>
public sealed partial class ImportPoolDialog
{
    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PoolImportService Import { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public string FsUuid { get; set; } = "";

    private ImportPreview? _preview;
    private string _name = "";
    private bool _degraded;
    private bool _busy;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _preview = await Import.PreviewAsync(FsUuid, CancellationToken.None);
            _name = _preview.Name;
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
    }

    private int SnapshotCount(string share) => _preview!.Plan.Snapshots.Count(s => s.Share == share);

    private async Task ImportAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var view = await Import.ImportAsync(FsUuid, _name, _degraded, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(view.Pool.Name));
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
