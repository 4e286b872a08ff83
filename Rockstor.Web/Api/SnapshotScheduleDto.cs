using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;

namespace Rockstor.Web.Api;

public sealed record SnapshotScheduleDto(
    int Id,
    IReadOnlyList<string> Shares,
    int? FrequencyMinutes,
    string? Cron,
    string Prefix,
    bool Writable,
    RetentionPolicy Retention,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastRunAt,
    string? LastError)
{
    public static SnapshotScheduleDto From(SnapshotSchedule s) =>
        new(s.Id, s.Shares, s.FrequencyMinutes, s.Cron, s.Prefix, s.Writable, s.Retention, s.Enabled, s.CreatedAt, s.LastRunAt, s.LastError);
}
