using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The store's records of managed users and groups, in lists.</summary>
public sealed class AccountRecords : ILocalUserRepository, ILocalGroupRepository
{
    private readonly List<LocalUser> _users = [];
    private readonly List<LocalGroup> _groups = [];

    IReadOnlyList<LocalUser> ILocalUserRepository.List() => _users.ToList();

    LocalUser? ILocalUserRepository.Find(string name) => _users.FirstOrDefault(u => u.Name == name);

    void ILocalUserRepository.Add(LocalUser user) => _users.Add(user);

    void ILocalUserRepository.Update(LocalUser user) => _users[_users.FindIndex(u => u.Name == user.Name)] = user;

    void ILocalUserRepository.Remove(string name) => _users.RemoveAll(u => u.Name == name);

    IReadOnlyList<LocalGroup> ILocalGroupRepository.List() => _groups.ToList();

    LocalGroup? ILocalGroupRepository.Find(string name) => _groups.FirstOrDefault(g => g.Name == name);

    void ILocalGroupRepository.Add(LocalGroup group) => _groups.Add(group);

    void ILocalGroupRepository.Remove(string name) => _groups.RemoveAll(g => g.Name == name);
}
