using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SnapshotScheduleDocument
{
    [BsonId(autoId: true)]
    public int Id { get; set; }

    public List<string> Shares { get; set; } = [];

    public int? FrequencyMinutes { get; set; }

    public string? Cron { get; set; }

    public string Prefix { get; set; } = "";

    public bool Writable { get; set; }

    public RetentionDocument Retention { get; set; } = new();

    public bool Enabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastRunAt { get; set; }

    public string? LastError { get; set; }
}
