using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SmbExportDocument
{
    [BsonId]
    public string Share { get; set; } = "";

    public DateTime ShareCreatedAt { get; set; }

    public bool Enabled { get; set; }

    public bool Browsable { get; set; } = true;

    public bool ReadOnly { get; set; }

    public bool Guest { get; set; }

    public List<string> Users { get; set; } = [];

    public List<string> Groups { get; set; } = [];

    public bool PreviousVersions { get; set; } = true;

    public bool TimeMachine { get; set; }
}

internal sealed class SmbSettingsDocument
{
    /// <summary>Always 1: one set of settings.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public string Workgroup { get; set; } = "";

    public List<string> GlobalOptions { get; set; } = [];
}
