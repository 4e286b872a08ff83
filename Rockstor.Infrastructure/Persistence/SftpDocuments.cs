using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SftpExportDocument
{
    [BsonId]
    public string Share { get; set; } = "";

    public DateTime ShareCreatedAt { get; set; }

    public bool Enabled { get; set; }

    public List<string> Users { get; set; } = [];
}

internal sealed class SftpSettingsDocument
{
    /// <summary>Always 1: one set of settings.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public int? Port { get; set; }
}
