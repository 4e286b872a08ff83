using Rockstor.Domain.Sftp;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The stored SFTP exports and settings, in memory.</summary>
public sealed class SftpRecords : ISftpStore
{
    private readonly Dictionary<string, SftpExport> _exports = new(StringComparer.Ordinal);
    private SftpSettings _settings = new();

    public SftpSettings LoadSettings() => _settings;

    public void SaveSettings(SftpSettings settings) => _settings = settings;

    public IReadOnlyList<SftpExport> Exports() => _exports.Values.ToList();

    public SftpExport? Find(string share) => _exports.GetValueOrDefault(share);

    public void Save(SftpExport export) => _exports[export.Share] = export;

    public void Remove(string share) => _exports.Remove(share);
}
