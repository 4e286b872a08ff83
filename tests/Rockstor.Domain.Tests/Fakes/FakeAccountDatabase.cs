using Rockstor.Domain.Common;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// The machine's users and groups in memory, starting with root, the "users" group and one account the
/// appliance did not make ("olduser"). Any call can be told
/// to fail once; every call is recorded.
/// </summary>
public sealed class FakeAccountDatabase : IAccountDatabase
{
    private readonly List<SystemUser> _users =
    [
        new("root", 0, 0, "root", "/root", "/bin/bash"),
        new("olduser", 1000, 1000, "Made by hand", "/home/olduser", "/bin/bash"),
    ];

    private readonly List<SystemGroup> _groups =
    [
        new("root", 0, []),
        new("users", 100, []),
        new("olduser", 1000, []),
    ];

    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>The password each account was last given.</summary>
    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public void FailNext(string call) => _failing.Add(call);

    public IReadOnlyList<SystemUser> Users() => _users.ToList();

    public IReadOnlyList<SystemGroup> Groups() => _groups.ToList();

    public IReadOnlyList<string> Shells() => ["/bin/sh", "/bin/bash"];

    public Task CreateUserAsync(NewSystemUser user, CancellationToken ct)
    {
        Step(nameof(CreateUserAsync));
        var gid = _groups.Single(g => g.Name == user.PrimaryGroup).Gid;
        _users.Add(new SystemUser(user.Name, user.Uid, gid, user.FullName ?? "", "/nonexistent", user.Shell ?? "/usr/sbin/nologin"));
        return Task.CompletedTask;
    }

    /// <summary>Deletes an account behind the appliance's back and makes one of the same name with another id (as someone by hand).</summary>
    public void Remake(string name)
    {
        var at = _users.FindIndex(u => u.Name == name);
        _users[at] = _users[at] with { Uid = _users[at].Uid + 500 };
    }

    public Task ChangeUserAsync(string name, string? fullName, string? primaryGroup, string? shell, CancellationToken ct)
    {
        Step(nameof(ChangeUserAsync));
        var at = _users.FindIndex(u => u.Name == name);
        var user = _users[at];
        _users[at] = user with
        {
            FullName = fullName ?? user.FullName,
            Gid = primaryGroup is null ? user.Gid : _groups.Single(g => g.Name == primaryGroup).Gid,
            Shell = shell is null ? user.Shell : shell.Length == 0 ? "/usr/sbin/nologin" : shell,
        };
        return Task.CompletedTask;
    }

    /// <summary>As userdel with USERGROUPS_ENAB: the group of the user's name goes too when no one else has it as primary group.</summary>
    public Task DeleteUserAsync(string name, bool removeHome, CancellationToken ct)
    {
        Step(nameof(DeleteUserAsync));
        var user = _users.Single(u => u.Name == name);
        _users.Remove(user);
        Passwords.Remove(name);
        for (var i = 0; i < _groups.Count; i++)
        {
            _groups[i] = _groups[i] with { Members = _groups[i].Members.Where(m => m != name).ToList() };
        }

        if (_groups.FirstOrDefault(g => g.Name == name && g.Gid == user.Gid) is { } own && !_users.Any(u => u.Gid == own.Gid))
        {
            _groups.Remove(own);
        }

        return Task.CompletedTask;
    }

    public Task SetPasswordAsync(string name, string password, CancellationToken ct)
    {
        Step(nameof(SetPasswordAsync));
        Passwords[name] = password;
        return Task.CompletedTask;
    }

    public Task CreateGroupAsync(string name, int gid, CancellationToken ct)
    {
        Step(nameof(CreateGroupAsync));
        _groups.Add(new SystemGroup(name, gid, []));
        return Task.CompletedTask;
    }

    public Task SetMembersAsync(string group, IReadOnlyList<string> members, CancellationToken ct)
    {
        Step(nameof(SetMembersAsync));
        var at = _groups.FindIndex(g => g.Name == group);
        _groups[at] = _groups[at] with { Members = members.ToList() };
        return Task.CompletedTask;
    }

    public Task DeleteGroupAsync(string name, CancellationToken ct)
    {
        Step(nameof(DeleteGroupAsync));
        _groups.RemoveAll(g => g.Name == name);
        return Task.CompletedTask;
    }

    private void Step(string call)
    {
        Calls.Add(call);
        if (_failing.Remove(call))
        {
            throw new StorageCommandException($"{call} failed", call, "told to fail");
        }
    }
}
