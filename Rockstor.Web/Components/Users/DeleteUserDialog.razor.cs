using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;

namespace Rockstor.Web.Components.Users;

/// <summary>The confirmation before a user is deleted, which also asks who owns the user's shares after.</summary>
public sealed partial class DeleteUserDialog
{
    private IReadOnlyList<string> _owners = [];
    private string _newOwner = ShareAccess.Root;
    private string? _error;
    private bool _busy;

    [Parameter]
    [EditorRequired]
    public UserView User { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private UserService UserService { get; set; } = default!;

    protected override void OnInitialized() =>
        _owners = [ShareAccess.Root, .. UserService.List().Where(u => u.Managed && u.Name != User.Name).Select(u => u.Name)];

    private async Task DeleteAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await UserService.DeleteAsync(User.Name, User.Shares.Count > 0 ? _newOwner : null, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(User.Name));
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
