namespace Rockstor.Domain.Users;

/// <summary>
/// The machine's users and groups: read from its databases, changed through its own tools. Every call
/// either does what it says or throws with nothing changed.
/// </summary>
public interface IAccountDatabase
{
    IReadOnlyList<SystemUser> Users();

    IReadOnlyList<SystemGroup> Groups();

    /// <summary>The machine's login shells (/etc/shells).</summary>
    IReadOnlyList<string> Shells();

    Task CreateUserAsync(NewSystemUser user, CancellationToken ct);

    /// <summary>Changes what is not null; a shell of "" takes login away.</summary>
    Task ChangeUserAsync(string name, string? fullName, string? primaryGroup, string? shell, CancellationToken ct);

    /// <summary>Deletes the account, and its home folder with it when <paramref name="removeHome"/>.</summary>
    Task DeleteUserAsync(string name, bool removeHome, CancellationToken ct);

    /// <summary>Sets the account's password (the system keeps only its hash).</summary>
    Task SetPasswordAsync(string name, string password, CancellationToken ct);

    Task CreateGroupAsync(string name, int gid, CancellationToken ct);

    /// <summary>Makes exactly these users the group's (supplementary) members.</summary>
    Task SetMembersAsync(string group, IReadOnlyList<string> members, CancellationToken ct);

    Task DeleteGroupAsync(string name, CancellationToken ct);
}
