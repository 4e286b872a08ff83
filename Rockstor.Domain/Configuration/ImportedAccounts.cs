using Rockstor.Domain.Common;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Configuration;

/// <summary>
/// The users and groups a configuration file brings, which an import makes on the machine as system
/// accounts. They are held to what UserService and GroupService require of the admin's, and to the
/// machine they land on, before anything is written (ADR-039).
/// </summary>
public sealed record ImportedAccounts(IReadOnlyList<LocalUser> Users, IReadOnlyList<LocalGroup> Groups)
{
    /// <summary>Nothing, or a <see cref="ValidationException"/> naming the first account the machine must not take.</summary>
    public void Check(IAccountDatabase machine)
    {
        try
        {
            CheckAgainst(machine);
        }
        catch (ValidationException e)
        {
            throw new ValidationException("The file was not imported and nothing was changed. " + e.Message);
        }
    }

    private void CheckAgainst(IAccountDatabase machine)
    {
        var systemGroups = machine.Groups();
        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            AccountRules.Name(group.Name, "group");
            AccountRules.Id(group.Gid, "group");
            if (!groupNames.Add(group.Name) || Groups.Count(g => g.Gid == group.Gid) > 1)
            {
                throw new ValidationException($"The group '{group.Name}' or its id {group.Gid} is in the file twice.");
            }

            if (systemGroups.FirstOrDefault(g => g.Gid == group.Gid && g.Name != group.Name) is { } holder)
            {
                throw new ValidationException($"The group id {group.Gid} of '{group.Name}' is taken on this machine by '{holder.Name}'.");
            }

            if (systemGroups.FirstOrDefault(g => g.Name == group.Name && g.Gid != group.Gid) is { } namesake)
            {
                throw new ValidationException($"This machine has a group '{group.Name}' already, with the id {namesake.Gid}, not {group.Gid}.");
            }
        }

        var shells = machine.Shells();
        var systemUsers = machine.Users();
        var userNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in Users)
        {
            AccountRules.Name(user.Name, "user");
            AccountRules.Id(user.Uid, "user");
            AccountRules.FullName(user.FullName);
            AccountRules.Shell(user.Shell, shells);
            if (!userNames.Add(user.Name) || Users.Count(u => u.Uid == user.Uid) > 1)
            {
                throw new ValidationException($"The user '{user.Name}' or its id {user.Uid} is in the file twice.");
            }

            if (systemUsers.FirstOrDefault(u => u.Uid == user.Uid && u.Name != user.Name) is { } holder)
            {
                throw new ValidationException($"The user id {user.Uid} of '{user.Name}' is taken on this machine by '{holder.Name}'.");
            }

            if (systemUsers.FirstOrDefault(u => u.Name == user.Name && u.Uid != user.Uid) is { } namesake)
            {
                throw new ValidationException($"This machine has a user '{user.Name}' already, with the id {namesake.Uid}, not {user.Uid}.");
            }

            // As UserService: the user's own group, or one of the groups the appliance made (here, the file's).
            var ownGroup = user.OwnGroup && user.PrimaryGroup == user.Name;
            if (!ownGroup && !groupNames.Contains(user.PrimaryGroup))
            {
                throw new ValidationException($"The primary group '{Echo.Of(user.PrimaryGroup)}' of '{user.Name}' is neither the user's own group nor one of the groups in the file.");
            }
        }
    }
}
