using LiteDB;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SnapshotRepository(RockstorDatabase db) : ISnapshotRepository
{
    public SnapshotPage Query(SnapshotQuery query)
    {
        var q = db.Snapshots.Query();
        if (!string.IsNullOrEmpty(query.Share))
        {
            q = q.Where(s => s.Share == query.Share);
        }

        if (query.ScheduleId is { } scheduleId)
        {
            q = q.Where(s => s.ScheduleId == scheduleId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            q = q.Where(s => s.Name.Contains(search) || s.Share.Contains(search));
        }

        var total = q.Count();
        var ordered = (query.Sort, query.Descending) switch
        {
            (SnapshotSort.Name, false) => q.OrderBy(s => s.Name),
            (SnapshotSort.Name, true) => q.OrderByDescending(s => s.Name),
            (SnapshotSort.Share, false) => q.OrderBy(s => s.Share),
            (SnapshotSort.Share, true) => q.OrderByDescending(s => s.Share),
            (_, false) => q.OrderBy(s => s.CreatedAt),
            (_, true) => q.OrderByDescending(s => s.CreatedAt),
        };
        var items = ordered
            .Skip(Math.Max(0, query.Skip))
            .Limit(Math.Clamp(query.Take, 1, 1000))
            .ToList()
            .Select(ToSnapshot)
            .ToList();
        return new SnapshotPage(items, total);
    }

    public IReadOnlyList<Snapshot> ListForShare(string share) =>
        db.Snapshots.Find(s => s.Share == share).Select(ToSnapshot).ToList();

    public IReadOnlyList<Snapshot> ListInPool(string pool) =>
        db.Snapshots.Find(s => s.Pool == pool).Select(ToSnapshot).ToList();

    public Snapshot? Find(string share, string name) =>
        db.Snapshots.FindById(Snapshot.KeyOf(share, name)) is { } d ? ToSnapshot(d) : null;

    public void Upsert(Snapshot snapshot) => db.Snapshots.Upsert(ToDocument(snapshot));

    public void Apply(IReadOnlyCollection<Snapshot> upserts, IReadOnlyCollection<Snapshot> removals)
    {
        db.Database.BeginTrans();
        try
        {
            db.Snapshots.Upsert(upserts.Select(ToDocument));
            foreach (var removal in removals)
            {
                db.Snapshots.Delete(new BsonValue(removal.Key));
            }

            db.Database.Commit();
        }
        catch
        {
            db.Database.Rollback();
            throw;
        }
    }

    private static SnapshotDocument ToDocument(Snapshot snapshot) => new()
    {
        Key = snapshot.Key,
        Share = snapshot.Share,
        Name = snapshot.Name,
        Pool = snapshot.Pool,
        Path = snapshot.Path,
        ReadOnly = snapshot.ReadOnly,
        CreatedAt = snapshot.CreatedAt.UtcDateTime,
        Uuid = snapshot.Uuid,
        ParentUuid = snapshot.ParentUuid,
        ReceivedUuid = snapshot.ReceivedUuid,
        Locked = snapshot.Locked,
        ScheduleId = snapshot.ScheduleId,
        SubvolumeId = snapshot.SubvolumeId,
    };

    public void Remove(string share, string name) => db.Snapshots.Delete(new BsonValue(Snapshot.KeyOf(share, name)));

    public int Count(string share) => db.Snapshots.Count(s => s.Share == share);

    private static Snapshot ToSnapshot(SnapshotDocument d) => new()
    {
        Share = d.Share,
        Name = d.Name,
        Pool = d.Pool,
        Path = d.Path,
        ReadOnly = d.ReadOnly,
        CreatedAt = PoolRepository.Utc(d.CreatedAt),
        Uuid = d.Uuid,
        ParentUuid = d.ParentUuid,
        ReceivedUuid = d.ReceivedUuid,
        Locked = d.Locked,
        ScheduleId = d.ScheduleId,
        SubvolumeId = d.SubvolumeId,
    };
}
