using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Smb;

namespace Rockstor.Web.Components.Sharing;

/// <summary>Samba's workgroup and the admin's extra global options; what Samba refuses shows here and changes nothing.</summary>
public sealed partial class SambaSettingsDialog
{
    private string _workgroup = SmbSettings.DefaultWorkgroup;
    private string _options = "";
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SmbService Smb { get; set; } = default!;

    protected override void OnInitialized()
    {
        var settings = Smb.Settings();
        _workgroup = settings.Workgroup;
        _options = string.Join('\n', settings.GlobalOptions);
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await Smb.SetSettingsAsync(new SmbSettingsRequest(_workgroup, _options.Split('\n')), CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(true));
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
