using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Users;

namespace Rockstor.Web.Components.Sharing;

/// <summary>How one share is offered over SMB; a replica can only be offered read-only.</summary>
public sealed partial class SmbExportDialog
{
    private IReadOnlyList<string> _userChoices = [];
    private IReadOnlyList<string> _groupChoices = [];
    private bool _enabled;
    private bool _browsable;
    private bool _readOnly;
    private bool _guest;
    private bool _replica;
    private IReadOnlyCollection<string> _users = [];
    private IReadOnlyCollection<string> _groups = [];
    private bool _previousVersions;
    private bool _timeMachine;
    private string? _error;
    private bool _busy;

    [Parameter]
    [EditorRequired]
    public Share Share { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SmbService Smb { get; set; } = default!;

    [Inject]
    private UserService UserService { get; set; } = default!;

    [Inject]
    private GroupService GroupService { get; set; } = default!;

    protected override void OnInitialized()
    {
        _userChoices = UserService.List().Where(u => u.Managed).Select(u => u.Name).ToList();
        _groupChoices = [AccountResolver.UsersGroup, .. GroupService.List().Where(g => g.Managed).Select(g => g.Name)];
        var export = Smb.Get(Share.Name);
        _replica = Share.Kind == ShareKind.Replica;
        _enabled = export.Enabled;
        _browsable = export.Browsable;
        _readOnly = export.ReadOnly || _replica;
        _guest = export.Guest;
        _users = export.Users.ToList();
        _groups = export.Groups.ToList();
        _previousVersions = export.PreviousVersions;
        _timeMachine = export.TimeMachine;
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await Smb.SetAsync(
                Share.Name,
                new SmbExportRequest(_enabled, _browsable, _readOnly, _guest, _guest ? [] : _users.ToList(), _guest ? [] : _groups.ToList(), _previousVersions, _timeMachine),
                CancellationToken.None);
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
