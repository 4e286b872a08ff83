using Rockstor.Domain.Accounts;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Users;

/// <summary>
/// The people who use the shares: real accounts of the machine, with a Samba password kept in step. The
/// appliance changes only the accounts it made (its store records them, with their ids: an account
/// deleted and made again by hand under the same name is no longer its own); every other account is
/// shown and left alone. A change is checked whole before the machine is touched, and a failure
/// part-way undoes what was done.
/// </summary>
public sealed class UserService(
    IAccountDatabase system,
    ISambaAccounts samba,
    ILocalUserRepository users,
    ILocalGroupRepository groups,
    IAccountIdLedger ids,
    IUserRepository admins,
    ShareService shares,
    AccountResolver resolver,
    IEnumerable<IExportReferences> exports,
    AccountLock gate,
    TimeProvider time)
{
    public IReadOnlyList<UserView> List()
    {
        var systemGroups = system.Groups();
        var groupNames = systemGroups.ToDictionary(g => g.Gid, g => g.Name);
        return system.Users()
            .Select(u => View(u, Managed(u), systemGroups, groupNames))
            .OrderBy(v => !v.Managed)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The login shells a user may be given.</summary>
    public IReadOnlyList<string> Shells() => system.Shells();

    public UserView Get(string name)
    {
        var user = system.Users().FirstOrDefault(u => u.Name == name)
            ?? throw new NotFoundException($"There is no user named '{Echo.Of(name)}'.");
        var systemGroups = system.Groups();
        return View(user, Managed(user), systemGroups, systemGroups.ToDictionary(g => g.Gid, g => g.Name));
    }

    public async Task<UserView> CreateAsync(UserRequest request, CancellationToken ct)
    {
        var name = AccountRules.Name(request.Name, "user");
        var password = AccountRules.Password(request.Password);
        var fullName = AccountRules.FullName(request.FullName);
        var shell = AccountRules.Shell(request.Shell, system.Shells());
        var key = AccountRules.PublicKey(request.PublicKey);
        var askedUid = request.Uid is { } asked ? AccountRules.Id(asked, "user id") : (int?)null;
        if (admins.Find(name) is not null)
        {
            throw new ValidationException($"'{name}' is the web-ui admin's name; the admin's login stays separate from the users of shares. Choose another name.");
        }

        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var existing = system.Users();
        if (existing.Any(u => u.Name == name))
        {
            throw new ConflictException($"A user named '{name}' already exists on this machine.");
        }

        if (askedUid is { } taken && existing.FirstOrDefault(u => u.Uid == taken) is { } holder)
        {
            throw new ConflictException($"The user id {taken} is taken by '{holder.Name}'.");
        }

        var primary = request.PrimaryGroup is { Length: > 0 } chosen ? RequireUsableGroup(chosen) : null;
        if (primary is null && system.Groups().Any(g => g.Name == name))
        {
            throw new ConflictException(
                $"A group named '{name}' already exists, so the user cannot get a group of the same name. Choose it, or another group, as the primary group.");
        }

        var uid = askedUid ?? AccountIds.Next(existing.Select(u => u.Uid), ids.HighestUid());
        var undo = new Undo();
        try
        {
            if (primary is null)
            {
                var gid = AccountIds.Next(system.Groups().Select(g => g.Gid), ids.HighestGid());
                await system.CreateGroupAsync(name, gid, ct).ConfigureAwait(false);
                undo.Add(() => DeleteGroupIfThereAsync(name)); // runs after the user's removal below
                ids.RecordGid(gid);
            }

            await system.CreateUserAsync(new NewSystemUser(name, uid, primary ?? name, fullName, shell), ct).ConfigureAwait(false);
            undo.Add(() => system.DeleteUserAsync(name, removeHome: shell is not null, CancellationToken.None));
            ids.RecordUid(uid);
            await system.SetPasswordAsync(name, password, ct).ConfigureAwait(false);
            await samba.SetPasswordAsync(name, password, ct).ConfigureAwait(false);
            undo.Add(() => samba.RemoveAsync(name, CancellationToken.None));
            var made = system.Users().FirstOrDefault(u => u.Name == name)
                ?? throw new StorageCommandException("The user could not be created.", "useradd", "the account is not in the user database afterwards");
            var now = time.GetUtcNow();
            if (primary is null)
            {
                groups.Add(new LocalGroup { Name = name, Gid = made.Gid, CreatedAt = now });
                undo.Add(() => groups.Remove(name));
            }

            users.Add(new LocalUser
            {
                Name = name,
                Uid = made.Uid,
                PrimaryGroup = primary ?? name,
                OwnGroup = primary is null,
                FullName = fullName,
                Shell = shell,
                PublicKey = key,
                CreatedAt = now,
            });
        }
        catch
        {
            await undo.RunAsync().ConfigureAwait(false);
            throw;
        }

        return Get(name);
    }

    public async Task<UserView> ChangeAsync(string name, UserChange change, CancellationToken ct)
    {
        var password = change.Password is null ? null : AccountRules.Password(change.Password);
        var fullName = change.FullName is null ? null : AccountRules.FullName(change.FullName) ?? "";
        var shell = change.Shell is null ? null : AccountRules.Shell(change.Shell, system.Shells()) ?? "";
        var key = change.PublicKey is null ? null : AccountRules.PublicKey(change.PublicKey) ?? "";
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var user = RequireManaged(name);
        var primary = change.PrimaryGroup is null || change.PrimaryGroup == user.PrimaryGroup ? null : RequireUsableGroup(change.PrimaryGroup);
        if (fullName is not null || primary is not null || shell is not null)
        {
            await system.ChangeUserAsync(name, fullName, primary, shell, ct).ConfigureAwait(false);
        }

        // The store follows the machine at once, so a failing password below leaves them in step.
        users.Update(user with
        {
            FullName = fullName is null ? user.FullName : NullIfEmpty(fullName),
            PrimaryGroup = primary ?? user.PrimaryGroup,
            Shell = shell is null ? user.Shell : NullIfEmpty(shell),
            PublicKey = key is null ? user.PublicKey : NullIfEmpty(key),
        });

        // The machine's password first: if Samba's then fails, the admin sees the error and sets it again;
        // neither side can be put back, since the old password is known to nobody.
        if (password is not null)
        {
            await system.SetPasswordAsync(name, password, ct).ConfigureAwait(false);
            await samba.SetPasswordAsync(name, password, ct).ConfigureAwait(false);
        }

        return Get(name);
    }

    /// <summary>
    /// Deletes a user the appliance made. While the user owns shares this is refused unless
    /// <paramref name="sharesOwner"/> names who owns them from now on.
    /// </summary>
    public async Task DeleteAsync(string name, string? sharesOwner, CancellationToken ct)
    {
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var user = RequireManaged(name);
        if (user.OwnGroup)
        {
            RequireGroupUnused(name);
        }

        var owned = shares.OwnedBy(name);
        if (owned.Count > 0)
        {
            if (string.IsNullOrEmpty(sharesOwner))
            {
                throw new ConflictException(
                    $"'{name}' owns the share(s) {string.Join(", ", owned)}. Say who owns them after the user is deleted (root or another user).");
            }

            if (sharesOwner == name)
            {
                throw new ValidationException($"The shares of '{name}' cannot stay with the user being deleted; choose root or another user.");
            }

            _ = resolver.OwnerId(sharesOwner);
            await shares.GiveSharesAsync(name, sharesOwner, ct).ConfigureAwait(false);
        }

        foreach (var export in exports)
        {
            await export.ForgetUserAsync(name, ct).ConfigureAwait(false);
            if (user.OwnGroup)
            {
                await export.ForgetGroupAsync(name, ct).ConfigureAwait(false);
            }
        }

        var home = system.Users().FirstOrDefault(u => u.Name == name)?.Home;
        await samba.RemoveAsync(name, ct).ConfigureAwait(false);
        await system.DeleteUserAsync(name, removeHome: home == Path.Combine("/home", name), ct).ConfigureAwait(false);
        users.Remove(name);
        if (user.OwnGroup)
        {
            await DeleteGroupIfThereAsync(name).ConfigureAwait(false); // (userdel usually removes it itself)
            groups.Remove(name);
        }
    }

    /// <summary>The user's own group goes with the user; refused while a share or another user still needs it.</summary>
    private void RequireGroupUnused(string name)
    {
        var inGroup = shares.InGroup(name);
        if (inGroup.Count > 0)
        {
            throw new ConflictException(
                $"The group '{name}', made with this user, is the group of the share(s) {string.Join(", ", inGroup)}. Give them another group first.");
        }

        var others = users.List().Where(u => u.Name != name && u.PrimaryGroup == name).Select(u => u.Name).ToList();
        if (others.Count > 0)
        {
            throw new ConflictException(
                $"The group '{name}', made with this user, is the primary group of {string.Join(", ", others)}. Give them another primary group first.");
        }
    }

    /// <summary>The store's record of the account when the account on the machine is still the one it made (same id).</summary>
    private LocalUser? Managed(SystemUser user) => users.Find(user.Name) is { } record && record.Uid == user.Uid ? record : null;

    private LocalUser RequireManaged(string name)
    {
        var onMachine = system.Users().FirstOrDefault(u => u.Name == name);
        if (onMachine is not null && Managed(onMachine) is { } user)
        {
            return user;
        }

        if (onMachine is not null)
        {
            throw new ConflictException(users.Find(name) is null
                ? $"'{Echo.Of(name)}' was not made by this appliance; it is shown, never changed or deleted here."
                : $"'{name}' was deleted and made again outside this appliance (its user id changed); it is shown, never changed or deleted here.");
        }

        throw new NotFoundException($"There is no user named '{Echo.Of(name)}'.");
    }

    /// <summary>A group a new user may join as primary: "users" or one the appliance made.</summary>
    private string RequireUsableGroup(string name)
    {
        if (name != AccountResolver.UsersGroup && groups.Find(name) is null)
        {
            throw new ValidationException(
                $"'{Echo.Of(name)}' cannot be a primary group: choose {AccountResolver.UsersGroup} or a group made on this appliance.");
        }

        return system.Groups().Any(g => g.Name == name)
            ? name
            : throw new ConflictException($"The group '{name}' is missing from the system.");
    }

    private async Task DeleteGroupIfThereAsync(string name)
    {
        if (system.Groups().Any(g => g.Name == name))
        {
            await system.DeleteGroupAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private UserView View(SystemUser user, LocalUser? managed, IReadOnlyList<SystemGroup> systemGroups, Dictionary<int, string> groupNames) => new(
        user.Name,
        user.Uid,
        groupNames.GetValueOrDefault(user.Gid) ?? user.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        user.FullName.Length == 0 ? null : user.FullName,
        managed?.Shell,
        managed?.PublicKey,
        systemGroups.Where(g => g.Members.Contains(user.Name)).Select(g => g.Name).Order(StringComparer.Ordinal).ToList(),
        managed is not null,
        managed is null ? [] : shares.OwnedBy(user.Name));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
