namespace Rockstor.Domain.Shares;

public interface IShareRepository
{
    IReadOnlyList<Share> List();

    IReadOnlyList<Share> ListInPool(string pool);

    Share? Find(string name);

    void Add(Share share);

    void Remove(string name);
}
