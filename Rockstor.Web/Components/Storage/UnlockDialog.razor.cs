using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Web.Components.Storage;

/// <summary>Unlocks a snapshot once the admin gives the password again; a wrong one shows here and the snapshot stays locked.</summary>
public sealed partial class UnlockDialog
{
    private string _password = "";
    private string? _error;
    private bool _busy;

    [Parameter]
    [EditorRequired]
    public string Share { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public string Snapshot { get; set; } = "";

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SnapshotService SnapshotService { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    private async Task UnlockAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var admin = (await Authentication.GetAuthenticationStateAsync()).User.Identity?.Name;
            await SnapshotService.UnlockAsync(Share, Snapshot, admin, _password, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(Snapshot));
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
