using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Snapshot records in a list; each read is a copy, as a store's is.</summary>
public sealed class SnapshotRecords : ISnapshotRepository
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Snapshot> _all = new(StringComparer.Ordinal);

    public SnapshotPage Query(SnapshotQuery query)
    {
        var found = All()
            .Where(s => query.Share is null || s.Share == query.Share)
            .Where(s => query.ScheduleId is null || s.ScheduleId == query.ScheduleId)
            .Where(s => string.IsNullOrEmpty(query.Search) || s.Name.Contains(query.Search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        IEnumerable<Snapshot> sorted = query.Sort switch
        {
            SnapshotSort.Name => found.OrderBy(s => s.Name, StringComparer.Ordinal),
            SnapshotSort.Share => found.OrderBy(s => s.Share, StringComparer.Ordinal),
            _ => found.OrderBy(s => s.CreatedAt),
        };
        if (query.Descending)
        {
            sorted = sorted.Reverse();
        }

        return new SnapshotPage(sorted.Skip(query.Skip).Take(query.Take).ToList(), found.Count);
    }

    public IReadOnlyList<Snapshot> ListForShare(string share) => All().Where(s => s.Share == share).ToList();

    public IReadOnlyList<Snapshot> ListInPool(string pool) => All().Where(s => s.Pool == pool).ToList();

    public Snapshot? Find(string share, string name)
    {
        lock (_lock)
        {
            return _all.TryGetValue(Snapshot.KeyOf(share, name), out var found) ? Copy(found) : null;
        }
    }

    public void Upsert(Snapshot snapshot)
    {
        lock (_lock)
        {
            _all[snapshot.Key] = Copy(snapshot);
        }
    }

    public void Remove(string share, string name)
    {
        lock (_lock)
        {
            _all.Remove(Snapshot.KeyOf(share, name));
        }
    }

    public void Apply(IReadOnlyCollection<Snapshot> upserts, IReadOnlyCollection<Snapshot> removals)
    {
        lock (_lock)
        {
            foreach (var removed in removals)
            {
                _all.Remove(removed.Key);
            }

            foreach (var snapshot in upserts)
            {
                _all[snapshot.Key] = Copy(snapshot);
            }
        }
    }

    public int Count(string share) => ListForShare(share).Count;

    private List<Snapshot> All()
    {
        lock (_lock)
        {
            return _all.Values.Select(Copy).ToList();
        }
    }

    private static Snapshot Copy(Snapshot s) => new()
    {
        Share = s.Share,
        Name = s.Name,
        Pool = s.Pool,
        Path = s.Path,
        ReadOnly = s.ReadOnly,
        CreatedAt = s.CreatedAt,
        Uuid = s.Uuid,
        ParentUuid = s.ParentUuid,
        ReceivedUuid = s.ReceivedUuid,
        Locked = s.Locked,
        ScheduleId = s.ScheduleId,
        SubvolumeId = s.SubvolumeId,
    };
}
