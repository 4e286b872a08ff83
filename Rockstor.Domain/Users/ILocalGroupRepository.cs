namespace Rockstor.Domain.Users;

/// <summary>The store's records of the groups this appliance manages.</summary>
public interface ILocalGroupRepository
{
    IReadOnlyList<LocalGroup> List();

    LocalGroup? Find(string name);

    void Add(LocalGroup group);

    void Remove(string name);
}
