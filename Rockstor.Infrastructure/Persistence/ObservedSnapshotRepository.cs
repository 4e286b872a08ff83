using Rockstor.Domain.Snapshots;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>
/// The snapshot store, telling <see cref="Changed"/> which shares' snapshots were added or removed after
/// each write, whichever path wrote them (a snapshot made, received, deleted or found by a reconcile).
/// </summary>
internal sealed class ObservedSnapshotRepository(SnapshotRepository inner) : ISnapshotRepository
{
    public event Action<IReadOnlyCollection<string>>? Changed;

    public SnapshotPage Query(SnapshotQuery query) => inner.Query(query);

    public IReadOnlyList<Snapshot> ListForShare(string share) => inner.ListForShare(share);

    public IReadOnlyList<Snapshot> ListInPool(string pool) => inner.ListInPool(pool);

    public Snapshot? Find(string share, string name) => inner.Find(share, name);

    public int Count(string share) => inner.Count(share);

    public void Upsert(Snapshot snapshot)
    {
        inner.Upsert(snapshot);
        Changed?.Invoke([snapshot.Share]);
    }

    public void Remove(string share, string name)
    {
        inner.Remove(share, name);
        Changed?.Invoke([share]);
    }

    public void Apply(IReadOnlyCollection<Snapshot> upserts, IReadOnlyCollection<Snapshot> removals)
    {
        inner.Apply(upserts, removals);
        if (upserts.Count + removals.Count > 0)
        {
            Changed?.Invoke(upserts.Concat(removals).Select(s => s.Share).ToHashSet(StringComparer.Ordinal));
        }
    }
}
