using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;

namespace Rockstor.Web.Components.Sharing;

/// <summary>The NFS service's settings: NFSv3 beside v4; a change the server refuses shows here and changes nothing.</summary>
public sealed partial class NfsSettingsDialog
{
    private bool _v3;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private NfsService Nfs { get; set; } = default!;

    protected override void OnInitialized() => _v3 = Nfs.Settings().V3;

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await Nfs.SetSettingsAsync(_v3, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(_v3));
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
