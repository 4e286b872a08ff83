using Rockstor.Domain.Nfs;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class NfsStore(RockstorDatabase db, IdSequences ids) : INfsStore
{
    private const string ExportIds = "nfs_export_ids";
    private const int MaxExportId = 65535;

    public NfsSettings LoadSettings() => db.NfsSettings.FindById(1) is { } d ? new NfsSettings { V3 = d.V3 } : new NfsSettings();

    public void SaveSettings(NfsSettings settings) => db.NfsSettings.Upsert(new NfsSettingsDocument { V3 = settings.V3 });

    public IReadOnlyList<NfsExport> Exports() => db.NfsExports.FindAll().Select(ToExport).ToList();

    public NfsExport? Find(string share) => db.NfsExports.FindById(share) is { } d ? ToExport(d) : null;

    /// <summary>
    /// The next id never given; once all 65535 were given, the lowest one no stored export holds (clients'
    /// old handles to it are long stale by then).
    /// </summary>
    public int NewExportId()
    {
        var held = db.NfsExports.FindAll().Select(d => d.ExportId).ToHashSet();
        var next = ids.Next(ExportIds, held.DefaultIfEmpty(0).Max());
        return next <= MaxExportId
            ? next
            : Enumerable.Range(1, MaxExportId).FirstOrDefault(id => !held.Contains(id)) is var free and > 0
                ? free
                : throw new Domain.Common.ConflictException($"Every one of NFS's {MaxExportId} export ids is in use; remove the exports of shares that are no longer served.");
    }

    public void Save(NfsExport export) => db.NfsExports.Upsert(new NfsExportDocument
    {
        Share = export.Share,
        ShareCreatedAt = export.ShareCreatedAt.UtcDateTime,
        ExportId = export.ExportId,
        Enabled = export.Enabled,
        Clients = export.Clients.Select(c => new NfsClientDocument { Host = c.Host, ReadOnly = c.ReadOnly, RootSquash = c.RootSquash, AllSquash = c.AllSquash }).ToList(),
    });

    public void Remove(string share) => db.NfsExports.Delete(share);

    private static NfsExport ToExport(NfsExportDocument d) => new()
    {
        Share = d.Share,
        ShareCreatedAt = PoolRepository.Utc(d.ShareCreatedAt),
        ExportId = d.ExportId,
        Enabled = d.Enabled,
        Clients = d.Clients.Select(c => new NfsClient(c.Host, c.ReadOnly, c.RootSquash, c.AllSquash)).ToList(),
    };
}
