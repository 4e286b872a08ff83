namespace Rockstor.Domain.Pools;

public interface IPoolRepository
{
    IReadOnlyList<Pool> List();

    Pool? Find(string name);

    void Add(Pool pool);

    void Remove(string name);

    /// <summary>Replaces the pool's record (its settings changed).</summary>
    void Update(Pool pool);

    /// <summary>Records the device error counters last seen, and nothing else of the pool.</summary>
    void SaveSeenDeviceErrors(string name, IReadOnlyDictionary<int, long> seen);
}
