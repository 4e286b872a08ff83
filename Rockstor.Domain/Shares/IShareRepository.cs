namespace Rockstor.Domain.Shares;

public interface IShareRepository
{
    IReadOnlyList<Share> List();

    IReadOnlyList<Share> ListInPool(string pool);

    Share? Find(string name);

    void Add(Share share);

    /// <summary>Saves the changed settings of an existing share.</summary>
    void Update(Share share);

    void Remove(string name);
}
