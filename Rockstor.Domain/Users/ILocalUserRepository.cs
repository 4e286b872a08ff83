namespace Rockstor.Domain.Users;

/// <summary>The store's records of the accounts this appliance manages.</summary>
public interface ILocalUserRepository
{
    IReadOnlyList<LocalUser> List();

    LocalUser? Find(string name);

    void Add(LocalUser user);

    void Update(LocalUser user);

    void Remove(string name);
}
