using Rockstor.Domain.Nfs;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class NfsStore(RockstorDatabase db, IdSequences ids) : INfsStore
{
    private const string ExportIds = "nfs_export_ids";

    public NfsSettings LoadSettings() => db.NfsSettings.FindById(1) is { } d ? new NfsSettings { V3 = d.V3 } : new NfsSettings();

    public void SaveSettings(NfsSettings settings) => db.NfsSettings.Upsert(new NfsSettingsDocument { V3 = settings.V3 });

    public IReadOnlyList<NfsExport> Exports() => db.NfsExports.FindAll().Select(ToExport).ToList();

    public NfsExport? Find(string share) => db.NfsExports.FindById(share) is { } d ? ToExport(d) : null;

    public int NewExportId() => ids.Next(ExportIds, db.NfsExports.FindAll().Select(d => d.ExportId).DefaultIfEmpty(0).Max());

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
