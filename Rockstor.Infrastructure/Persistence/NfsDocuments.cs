using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class NfsExportDocument
{
    [BsonId]
    public string Share { get; set; } = "";

    public DateTime ShareCreatedAt { get; set; }

    public int ExportId { get; set; }

    public bool Enabled { get; set; }

    public List<NfsClientDocument> Clients { get; set; } = [];
}

internal sealed class NfsClientDocument
{
    public string Host { get; set; } = "";

    public bool ReadOnly { get; set; }

    public bool RootSquash { get; set; } = true;

    public bool AllSquash { get; set; }
}

internal sealed class NfsSettingsDocument
{
    /// <summary>Always 1: one set of settings.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public bool V3 { get; set; }
}
