using Rockstor.Domain.Sftp;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SftpStore(RockstorDatabase db) : ISftpStore
{
    public SftpSettings LoadSettings() => db.SftpSettings.FindById(1) is { } d ? new SftpSettings { Port = d.Port } : new SftpSettings();

    public void SaveSettings(SftpSettings settings) => db.SftpSettings.Upsert(new SftpSettingsDocument { Port = settings.Port });

    public IReadOnlyList<SftpExport> Exports() => db.SftpExports.FindAll().Select(ToExport).ToList();

    public SftpExport? Find(string share) => db.SftpExports.FindById(share) is { } d ? ToExport(d) : null;

    public void Save(SftpExport export) => db.SftpExports.Upsert(new SftpExportDocument
    {
        Share = export.Share,
        ShareCreatedAt = export.ShareCreatedAt.UtcDateTime,
        Enabled = export.Enabled,
        Users = [.. export.Users],
    });

    public void Remove(string share) => db.SftpExports.Delete(share);

    private static SftpExport ToExport(SftpExportDocument d) => new()
    {
        Share = d.Share,
        ShareCreatedAt = PoolRepository.Utc(d.ShareCreatedAt),
        Enabled = d.Enabled,
        Users = d.Users,
    };
}
