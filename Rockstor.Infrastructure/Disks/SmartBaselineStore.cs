using LiteDB;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Disks;

internal sealed class SmartBaselineDocument
{
    [BsonId]
    public string Serial { get; set; } = "";

    public long ReallocatedSectors { get; set; }

    public long PendingSectors { get; set; }

    public long UncorrectableSectors { get; set; }

    public long MediaErrors { get; set; }

    public DateTime? LastWorsenedAt { get; set; }
}

/// <summary>The disks' sector counts as last seen, one document per serial.</summary>
internal sealed class SmartBaselineStore(RockstorDatabase db) : ISmartBaselines
{
    private ILiteCollection<SmartBaselineDocument> Collection => db.Database.GetCollection<SmartBaselineDocument>("smart_baselines");

    public SmartBaseline? Find(string serial) => Collection.FindById(serial) is { } d
        ? new SmartBaseline(d.Serial, d.ReallocatedSectors, d.PendingSectors, d.UncorrectableSectors, d.MediaErrors, d.LastWorsenedAt is { } at ? PoolRepository.Utc(at) : null)
        : null;

    public void Save(SmartBaseline baseline) => Collection.Upsert(new SmartBaselineDocument
    {
        Serial = baseline.Serial,
        ReallocatedSectors = baseline.ReallocatedSectors,
        PendingSectors = baseline.PendingSectors,
        UncorrectableSectors = baseline.UncorrectableSectors,
        MediaErrors = baseline.MediaErrors,
        LastWorsenedAt = baseline.LastWorsenedAt?.UtcDateTime,
    });
}
