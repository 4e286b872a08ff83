using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The store's records of managed users and groups, in lists, and the highest ids given.</summary>
public sealed class AccountRecords : ILocalUserRepository, ILocalGroupRepository, IAccountIdLedger
{
    private readonly List<LocalUser> _users = [];
    private readonly List<LocalGroup> _groups = [];
    private int _highestUid;
    private int _highestGid;

    int IAccountIdLedger.HighestUid() => _highestUid;

    int IAccountIdLedger.HighestGid() => _highestGid;

    void IAccountIdLedger.RecordUid(int uid) => _highestUid = Math.Max(_highestUid, uid);

    void IAccountIdLedger.RecordGid(int gid) => _highestGid = Math.Max(_highestGid, gid);

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
