using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Users;

namespace Rockstor.Web.Components.Users;

/// <summary>Creates a user, or changes one (<see cref="Existing"/>); a refusal shows in the dialog with the form kept as typed.</summary>
public sealed partial class UserDialog
{
    private const string NewGroup = "";
    private const string NoShell = "";

    private IReadOnlyList<string> _groupChoices = [];
    private IReadOnlyList<string> _shells = [];
    private string _name = "";
    private string? _fullName;
    private string? _password;
    private int? _uid;
    private string _primaryGroup = NewGroup;
    private string _shell = NoShell;
    private string? _publicKey;
    private string? _error;
    private bool _busy;

    [Parameter]
    public UserView? Existing { get; set; }

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private UserService UserService { get; set; } = default!;

    [Inject]
    private GroupService GroupService { get; set; } = default!;

    protected override void OnInitialized()
    {
        _groupChoices = [AccountResolver.UsersGroup, .. GroupService.List().Where(g => g.Managed).Select(g => g.Name)];
        _shells = UserService.Shells();
        if (Existing is { } user)
        {
            _fullName = user.FullName;
            _primaryGroup = user.PrimaryGroup;
            _shell = user.Shell ?? NoShell;
            _publicKey = user.PublicKey;
        }
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            if (Existing is { } user)
            {
                await UserService.ChangeAsync(
                    user.Name,
                    new UserChange(string.IsNullOrEmpty(_password) ? null : _password, _fullName ?? "", _primaryGroup, _shell, _publicKey ?? ""),
                    CancellationToken.None);
                MudDialog.Close(DialogResult.Ok(user.Name));
            }
            else
            {
                var made = await UserService.CreateAsync(
                    new UserRequest(_name, _password, _fullName, _uid, _primaryGroup == NewGroup ? null : _primaryGroup, _shell, _publicKey),
                    CancellationToken.None);
                MudDialog.Close(DialogResult.Ok(made.Name));
            }
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
