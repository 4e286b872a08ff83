namespace Rockstor.Domain.Snapshots;

public interface ISnapshotRepository
{
    SnapshotPage Query(SnapshotQuery query);

    IReadOnlyList<Snapshot> ListForShare(string share);

    IReadOnlyList<Snapshot> ListInPool(string pool);

    Snapshot? Find(string share, string name);

    void Upsert(Snapshot snapshot);

    void Remove(string share, string name);

    /// <summary>Writes many changes in one transaction (a reconcile can bring thousands).</summary>
    void Apply(IReadOnlyCollection<Snapshot> upserts, IReadOnlyCollection<Snapshot> removals);

    int Count(string share);
}
