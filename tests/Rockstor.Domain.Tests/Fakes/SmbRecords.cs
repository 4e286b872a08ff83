using Rockstor.Domain.Smb;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The stored exports and Samba settings, in memory.</summary>
public sealed class SmbRecords : ISmbStore
{
    private readonly Dictionary<string, SmbExport> _exports = new(StringComparer.Ordinal);
    private SmbSettings _settings = new();

    public SmbSettings LoadSettings() => _settings;

    public void SaveSettings(SmbSettings settings) => _settings = settings;

    public IReadOnlyList<SmbExport> Exports() => _exports.Values.ToList();

    public SmbExport? Find(string share) => _exports.GetValueOrDefault(share);

    public void Save(SmbExport export) => _exports[export.Share] = export;

    public void Remove(string share) => _exports.Remove(share);
}
