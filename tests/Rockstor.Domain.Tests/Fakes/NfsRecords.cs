using Rockstor.Domain.Nfs;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The stored NFS exports and settings, in memory, with export ids never given twice.</summary>
public sealed class NfsRecords : INfsStore
{
    private readonly Dictionary<string, NfsExport> _exports = new(StringComparer.Ordinal);
    private NfsSettings _settings = new();
    private int _lastId;

    public NfsSettings LoadSettings() => _settings;

    public void SaveSettings(NfsSettings settings) => _settings = settings;

    public IReadOnlyList<NfsExport> Exports() => _exports.Values.ToList();

    public NfsExport? Find(string share) => _exports.GetValueOrDefault(share);

    public int NewExportId() => ++_lastId;

    public void Save(NfsExport export) => _exports[export.Share] = export;

    public void Remove(string share) => _exports.Remove(share);
}
