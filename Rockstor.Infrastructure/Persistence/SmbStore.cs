using Rockstor.Domain.Smb;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SmbStore(RockstorDatabase db) : ISmbStore
{
    public SmbSettings LoadSettings() => db.SmbSettings.FindById(1) is { } d
        ? new SmbSettings { Workgroup = d.Workgroup, GlobalOptions = d.GlobalOptions }
        : new SmbSettings();

    public void SaveSettings(SmbSettings settings) =>
        db.SmbSettings.Upsert(new SmbSettingsDocument { Workgroup = settings.Workgroup, GlobalOptions = [.. settings.GlobalOptions] });

    public IReadOnlyList<SmbExport> Exports() => db.SmbExports.FindAll().Select(ToExport).ToList();

    public SmbExport? Find(string share) => db.SmbExports.FindById(share) is { } d ? ToExport(d) : null;

    public void Save(SmbExport export) => db.SmbExports.Upsert(new SmbExportDocument
    {
        Share = export.Share,
        ShareCreatedAt = export.ShareCreatedAt.UtcDateTime,
        Enabled = export.Enabled,
        Browsable = export.Browsable,
        ReadOnly = export.ReadOnly,
        Guest = export.Guest,
        Users = [.. export.Users],
        Groups = [.. export.Groups],
        PreviousVersions = export.PreviousVersions,
        TimeMachine = export.TimeMachine,
    });

    public void Remove(string share) => db.SmbExports.Delete(share);

    private static SmbExport ToExport(SmbExportDocument d) => new()
    {
        Share = d.Share,
        ShareCreatedAt = PoolRepository.Utc(d.ShareCreatedAt),
        Enabled = d.Enabled,
        Browsable = d.Browsable,
        ReadOnly = d.ReadOnly,
        Guest = d.Guest,
        Users = d.Users,
        Groups = d.Groups,
        PreviousVersions = d.PreviousVersions,
        TimeMachine = d.TimeMachine,
    };
}
