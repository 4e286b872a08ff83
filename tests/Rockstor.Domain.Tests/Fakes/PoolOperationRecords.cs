using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The pool operations' store, in memory.</summary>
public sealed class PoolOperationRecords : IPoolOperationRepository
{
    private readonly Dictionary<long, PoolOperation> _operations = [];
    private long _last;

    public PoolOperation Add(PoolOperation operation)
    {
        var added = operation with { Id = ++_last };
        _operations[added.Id] = added;
        return added;
    }

    public void Update(PoolOperation operation) => _operations[operation.Id] = operation;

    public PoolOperation? Find(long id) => _operations.GetValueOrDefault(id);

    public IReadOnlyList<PoolOperation> ListForPool(string pool, int limit) =>
        _operations.Values.Where(o => o.Pool == pool).OrderByDescending(o => o.Id).Take(limit).ToList();

    public IReadOnlyList<PoolOperation> ListActive() => _operations.Values.Where(o => o.State.IsActive()).ToList();

    public void RemoveForPool(string pool)
    {
        foreach (var id in _operations.Values.Where(o => o.Pool == pool).Select(o => o.Id).ToList())
        {
            _operations.Remove(id);
        }
    }
}
