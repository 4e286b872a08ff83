using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Users;

/// <summary>
/// Which accounts a share may be given to, and their ids: root or a user the appliance manages as owner;
/// root, the system's "users" group or a group the appliance manages as group. Accounts the appliance did
/// not make are the system's, and a share never hands them its files.
/// </summary>
public sealed class AccountResolver(IAccountDatabase system, ILocalUserRepository users, ILocalGroupRepository groups)
{
    /// <summary>The system's group of ordinary users (gid 100 on Debian), offered as a share's group.</summary>
    public const string UsersGroup = "users";

    public int OwnerId(string name)
    {
        if (name == ShareAccess.Root)
        {
            return 0;
        }

        if (users.Find(name) is not { } record)
        {
            throw new ValidationException($"'{Echo.Of(name)}' cannot own a share: choose root or a user made on this appliance's Users screen.");
        }

        var uid = system.Users().FirstOrDefault(u => u.Name == name)?.Uid
            ?? throw new ConflictException($"The user '{name}' is recorded by this appliance but missing from the system.");
        return uid == record.Uid
            ? uid
            : throw new ConflictException($"The user '{name}' was made again outside this appliance (its user id changed); it cannot own a share.");
    }

    public int GroupId(string name)
    {
        if (name == ShareAccess.Root)
        {
            return 0;
        }

        var record = groups.Find(name);
        if (name != UsersGroup && record is null)
        {
            throw new ValidationException(
                $"'{Echo.Of(name)}' cannot be a share's group: choose root, {UsersGroup} or a group made on this appliance's Users screen.");
        }

        var gid = system.Groups().FirstOrDefault(g => g.Name == name)?.Gid
            ?? throw new ConflictException($"The group '{name}' is missing from the system.");
        return record is null || record.Gid == gid
            ? gid
            : throw new ConflictException($"The group '{name}' was made again outside this appliance (its group id changed); it cannot be a share's group.");
    }
}
