using LiteDB;
using Rockstor.Domain.Replication.Restores;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>Restores asked for on this appliance; the newest 200 are kept.</summary>
internal sealed class PendingRestoreRepository(RockstorDatabase db) : IPendingRestoreRepository
{
    public const int Kept = 200;

    public IReadOnlyList<PendingRestore> List(int take) =>
        db.Restores.Query().OrderByDescending(r => r.Id).Limit(take).ToList().Select(ToRestore).ToList();

    public PendingRestore? FindByCodeHash(string codeHash) =>
        db.Restores.FindOne(r => r.CodeHash == codeHash) is { } document ? ToRestore(document) : null;

    public void Save(PendingRestore restore)
    {
        var document = new PendingRestoreDocument
        {
            Id = restore.Id,
            ApplianceId = restore.ApplianceId,
            SourceShare = restore.SourceShare,
            Snapshot = restore.Snapshot,
            NewShare = restore.NewShare,
            TargetPool = restore.TargetPool,
            Paths = restore.Paths?.ToList(),
            PathsMode = restore.PathsMode,
            CodeHash = restore.CodeHash,
            AskedAt = restore.AskedAt.UtcDateTime,
            UsedAt = restore.UsedAt?.UtcDateTime,
            State = restore.State,
            Outcome = restore.Outcome,
        };
        if (restore.Id == 0)
        {
            restore.Id = db.Restores.Insert(document).AsInt32;
            var count = db.Restores.Count();
            if (count > Kept)
            {
                var cutoff = db.Restores.Query().OrderBy(r => r.Id).Skip(count - Kept).Limit(1).First().Id;
                db.Restores.DeleteMany(r => r.Id < cutoff);
            }
        }
        else
        {
            db.Restores.Upsert(document);
        }
    }

    public void Remove(int id) => db.Restores.Delete(id);

    private static PendingRestore ToRestore(PendingRestoreDocument d) => new()
    {
        Id = d.Id,
        ApplianceId = d.ApplianceId,
        SourceShare = d.SourceShare,
        Snapshot = d.Snapshot,
        NewShare = d.NewShare,
        TargetPool = d.TargetPool,
        Paths = d.Paths,
        PathsMode = d.PathsMode,
        CodeHash = d.CodeHash,
        AskedAt = PoolRepository.Utc(d.AskedAt),
        UsedAt = d.UsedAt is { } used ? PoolRepository.Utc(used) : null,
        State = d.State,
        Outcome = d.Outcome,
    };
}

internal sealed class PendingRestoreDocument
{
    [BsonId(autoId: true)]
    public int Id { get; set; }

    public string ApplianceId { get; set; } = "";

    public string SourceShare { get; set; } = "";

    public string Snapshot { get; set; } = "";

    public string? NewShare { get; set; }

    public string? TargetPool { get; set; }

    public List<string>? Paths { get; set; }

    public string? PathsMode { get; set; }

    public string CodeHash { get; set; } = "";

    public DateTime AskedAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public RestoreState State { get; set; }

    public string? Outcome { get; set; }
}
