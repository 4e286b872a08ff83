using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Users;

namespace Rockstor.Web.Components.Users;

/// <summary>Creates a group, or sets the members of one (<see cref="Existing"/>).</summary>
public sealed partial class GroupDialog
{
    private IReadOnlyList<string> _candidates = [];
    private IReadOnlyCollection<string> _members = [];
    private string _name = "";
    private int? _gid;
    private string? _error;
    private bool _busy;

    [Parameter]
    public GroupView? Existing { get; set; }

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private UserService UserService { get; set; } = default!;

    [Inject]
    private GroupService GroupService { get; set; } = default!;

    protected override void OnInitialized()
    {
        _candidates = UserService.List().Where(u => u.Managed).Select(u => u.Name).ToList();
        _members = Existing?.Members.ToList() ?? [];
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var members = _members.ToList();
            var group = Existing is { } existing
                ? await GroupService.SetMembersAsync(existing.Name, members, CancellationToken.None)
                : await GroupService.CreateAsync(new GroupRequest(_name, _gid, members), CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(group.Name));
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
