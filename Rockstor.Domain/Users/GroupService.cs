using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Users;

/// <summary>Groups of the machine with members; as with users, only the groups the appliance made are changed.</summary>
public sealed class GroupService(
    IAccountDatabase system,
    ILocalUserRepository users,
    ILocalGroupRepository groups,
    IAccountIdLedger ids,
    ShareService shares,
    IEnumerable<IExportReferences> exports,
    AccountLock gate,
    TimeProvider time)
{
    public IReadOnlyList<GroupView> List() => system.Groups()
        .Select(g => new GroupView(g.Name, g.Gid, g.Members, IsManaged(g)))
        .OrderBy(v => !v.Managed)
        .ThenBy(v => v.Name, StringComparer.Ordinal)
        .ToList();

    public GroupView Get(string name) =>
        system.Groups().FirstOrDefault(g => g.Name == name) is { } group
            ? new GroupView(group.Name, group.Gid, group.Members, IsManaged(group))
            : throw new NotFoundException($"There is no group named '{Echo.Of(name)}'.");

    public async Task<GroupView> CreateAsync(GroupRequest request, CancellationToken ct)
    {
        var name = AccountRules.Name(request.Name, "group");
        var askedGid = request.Gid is { } asked ? AccountRules.Id(asked, "group id") : (int?)null;
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var members = Members(request.Members ?? []);
        var existing = system.Groups();
        if (existing.Any(g => g.Name == name))
        {
            throw new ConflictException($"A group named '{name}' already exists on this machine.");
        }

        if (askedGid is { } id && existing.FirstOrDefault(g => g.Gid == id) is { } holder)
        {
            throw new ConflictException($"The group id {id} is taken by '{holder.Name}'.");
        }

        var gid = askedGid ?? AccountIds.Next(existing.Select(g => g.Gid), ids.HighestGid());
        var undo = new Undo();
        try
        {
            await system.CreateGroupAsync(name, gid, ct).ConfigureAwait(false);
            undo.Add(() => system.DeleteGroupAsync(name, CancellationToken.None));
            ids.RecordGid(gid);
            if (members.Count > 0)
            {
                await system.SetMembersAsync(name, members, ct).ConfigureAwait(false);
            }

            var made = system.Groups().FirstOrDefault(g => g.Name == name)
                ?? throw new StorageCommandException("The group could not be created.", "groupadd", "the group is not in the group database afterwards");
            groups.Add(new LocalGroup { Name = name, Gid = made.Gid, CreatedAt = time.GetUtcNow() });
        }
        catch
        {
            await undo.RunAsync().ConfigureAwait(false);
            throw;
        }

        return Get(name);
    }

    /// <summary>Makes exactly these users the group's members.</summary>
    public async Task<GroupView> SetMembersAsync(string name, IReadOnlyList<string>? members, CancellationToken ct)
    {
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        RequireManaged(name);
        await system.SetMembersAsync(name, Members(members ?? []), ct).ConfigureAwait(false);
        return Get(name);
    }

    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        RequireManaged(name);
        var primaryOf = users.List().Where(u => u.PrimaryGroup == name).Select(u => u.Name).ToList();
        if (primaryOf.Count > 0)
        {
            throw new ConflictException(
                $"'{name}' is the primary group of {string.Join(", ", primaryOf)}; give them another primary group (or delete them) first.");
        }

        var inGroup = shares.InGroup(name);
        if (inGroup.Count > 0)
        {
            throw new ConflictException($"'{name}' is the group of the share(s) {string.Join(", ", inGroup)}; give them another group first.");
        }

        foreach (var export in exports)
        {
            await export.ForgetGroupAsync(name, ct).ConfigureAwait(false);
        }

        await system.DeleteGroupAsync(name, ct).ConfigureAwait(false);
        groups.Remove(name);
    }

    /// <summary>Made by this appliance, and still the group it made (same id).</summary>
    private bool IsManaged(SystemGroup group) => groups.Find(group.Name)?.Gid == group.Gid;

    private void RequireManaged(string name)
    {
        var onMachine = system.Groups().FirstOrDefault(g => g.Name == name);
        if (onMachine is not null && IsManaged(onMachine))
        {
            return;
        }

        if (onMachine is not null)
        {
            throw new ConflictException(groups.Find(name) is null
                ? $"'{Echo.Of(name)}' was not made by this appliance; it is shown, never changed or deleted here."
                : $"'{name}' was deleted and made again outside this appliance (its group id changed); it is shown, never changed or deleted here.");
        }

        throw new NotFoundException($"There is no group named '{Echo.Of(name)}'.");
    }

    /// <summary>The members, each a user the appliance made, without repeats.</summary>
    private List<string> Members(IReadOnlyList<string> names)
    {
        var members = names.Distinct(StringComparer.Ordinal).ToList();
        foreach (var member in members)
        {
            if (users.Find(member) is null)
            {
                throw new ValidationException(
                    $"'{Echo.Of(member)}' cannot be a member: only users made on this appliance's Users screen can join its groups.");
            }
        }

        return members;
    }
}
