using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Schedules;

/// <summary>A new schedule or a change to one; what is absent from a change stays as it was.</summary>
public sealed record SnapshotScheduleRequest(
    IReadOnlyList<string>? Shares,
    int? FrequencyMinutes,
    string? Cron,
    string? Prefix,
    bool? Writable,
    RetentionPolicy? Retention,
    bool? Enabled);
