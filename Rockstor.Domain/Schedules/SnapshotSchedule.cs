using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Schedules;

/// <summary>
/// Snapshots of one or more shares taken on a schedule, named by <see cref="Prefix"/> and the time, and
/// thinned by <see cref="Retention"/>. A schedule rules only over the snapshots it took (they carry its id):
/// manual snapshots, replication's and another schedule's are never touched.
/// </summary>
public sealed class SnapshotSchedule
{
    public int Id { get; set; }

    public required IReadOnlyList<string> Shares { get; set; }

    /// <summary>Every N minutes; null when <see cref="Cron"/> is used.</summary>
    public int? FrequencyMinutes { get; set; }

    /// <summary>A cron expression of five fields, in UTC; null when <see cref="FrequencyMinutes"/> is used.</summary>
    public string? Cron { get; set; }

    /// <summary>What the schedule's snapshots are named after: "&lt;prefix&gt;_&lt;UTC time&gt;".</summary>
    public required string Prefix { get; set; }

    public required bool Writable { get; set; }

    public required RetentionPolicy Retention { get; set; }

    public required bool Enabled { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the schedule last ran (by its time or "Run now").</summary>
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>What went wrong in the last run, share by share; null when it all went well.</summary>
    public string? LastError { get; set; }
}
