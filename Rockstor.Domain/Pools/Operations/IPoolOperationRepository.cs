namespace Rockstor.Domain.Pools.Operations;

public interface IPoolOperationRepository
{
    /// <summary>Stores a new operation under the next id, which is never given twice.</summary>
    PoolOperation Add(PoolOperation operation);

    void Update(PoolOperation operation);

    PoolOperation? Find(long id);

    /// <summary>The pool's operations, newest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<PoolOperation> ListForPool(string pool, int limit);

    /// <summary>Every operation still running or paused, on any pool.</summary>
    IReadOnlyList<PoolOperation> ListActive();

    /// <summary>Forgets a deleted pool's history.</summary>
    void RemoveForPool(string pool);
}
