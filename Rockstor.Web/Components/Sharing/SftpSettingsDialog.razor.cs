using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Sftp;

namespace Rockstor.Web.Components.Sharing;

/// <summary>The SFTP service's port; a port refused (out of range, or taken while the service runs) shows here and changes nothing.</summary>
public sealed partial class SftpSettingsDialog
{
    private int _port;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SftpService Sftp { get; set; } = default!;

    protected override void OnInitialized() => _port = Sftp.Port();

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await Sftp.SetSettingsAsync(new SftpSettingsRequest(_port), CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(_port));
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
