using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;

namespace Rockstor.Web.Components.Sharing;

/// <summary>How one share is offered over SFTP: on or off, and the users who may log in to it.</summary>
public sealed partial class SftpExportDialog
{
    private IReadOnlyList<string> _userChoices = [];
    private bool _enabled;
    private bool _replica;
    private IReadOnlyCollection<string> _users = [];
    private string? _error;
    private bool _busy;

    [Parameter]
    [EditorRequired]
    public Share Share { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SftpService Sftp { get; set; } = default!;

    [Inject]
    private UserService UserService { get; set; } = default!;

    protected override void OnInitialized()
    {
        _userChoices = UserService.List().Where(u => u.Managed).Select(u => u.Name).ToList();
        var export = Sftp.Get(Share.Name);
        _replica = Share.Kind == ShareKind.Replica;
        _enabled = export.Enabled;
        _users = export.Users.ToList();
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await Sftp.SetAsync(Share.Name, new SftpExportRequest(_enabled, _users.ToList()), CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(Share.Name));
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
