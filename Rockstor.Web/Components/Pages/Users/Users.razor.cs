using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Users;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Users;

namespace Rockstor.Web.Components.Pages.Users;

/// <summary>Users and groups: the ones this appliance made can be changed and deleted; the system's are shown on request.</summary>
public partial class Users
{
    private IReadOnlyList<UserView> _users = [];
    private IReadOnlyList<GroupView> _groups = [];
    private bool _showSystem;

    [Inject]
    private UserService UserService { get; set; } = default!;

    [Inject]
    private GroupService GroupService { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized() => Load();

    private void Load()
    {
        _users = UserService.List();
        _groups = GroupService.List();
    }

    private async Task CreateUserAsync()
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>("Create user");
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add($"User '{name}' created.", Severity.Success);
            Load();
        }
    }

    private async Task ChangeUserAsync(UserView user)
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>($"Change user {user.Name}", new DialogParameters<UserDialog> { { d => d.Existing, user } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"User '{user.Name}' changed.", Severity.Success);
            Load();
        }
    }

    /// <summary>Asks first; a user who owns shares is deleted only once the admin has said who owns them after.</summary>
    private async Task DeleteUserAsync(UserView user)
    {
        var dialog = await Dialogs.ShowAsync<DeleteUserDialog>($"Delete user {user.Name}", new DialogParameters<DeleteUserDialog> { { d => d.User, user } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"User '{user.Name}' deleted.", Severity.Success);
            Load();
        }
    }

    private async Task CreateGroupAsync()
    {
        var dialog = await Dialogs.ShowAsync<GroupDialog>("Create group");
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add($"Group '{name}' created.", Severity.Success);
            Load();
        }
    }

    private async Task ChangeGroupAsync(GroupView group)
    {
        var dialog = await Dialogs.ShowAsync<GroupDialog>($"Members of {group.Name}", new DialogParameters<GroupDialog> { { d => d.Existing, group } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Members of '{group.Name}' changed.", Severity.Success);
            Load();
        }
    }

    private async Task DeleteGroupAsync(string name)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete group", $"Delete group '{name}'? Its members keep their accounts.", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        await Snackbar.TryAsync(() => GroupService.DeleteAsync(name, CancellationToken.None), $"Group '{name}' deleted.");
        Load();
    }
}
