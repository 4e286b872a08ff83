using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;


namespace Rockstor.Web.Api;

public sealed record ReplicationTaskDto(
    int Id,
    string Share,
    string TargetApplianceId,
    string TargetHostname,
    string TargetPool,
    int? FrequencyMinutes,
    string? Cron,
    int Port,
    int? Keep,
    RetentionPolicy Retention,
    RetentionPolicy? DestinationRetention,
    bool Enabled,
    double? BandwidthLimitMBps,
    string Compression,
    bool Resumable,
    bool Diverged,
    bool ReseedRequested,
    string? WindowStart,
    string? WindowEnd,
    string State,
    AttemptDto? LastAttempt,
    DateTimeOffset? LastBackupAt,
    string? Warning = null)
{
    public static ReplicationTaskDto From(SendTaskView view, string? warning = null) => new(
        view.Task.Id,
        view.Task.Share,
        view.Task.TargetApplianceId,
        view.TargetHostname,
        view.Task.TargetPool,
        view.Task.FrequencyMinutes,
        view.Task.Cron,
        view.Task.Port,
        view.Task.Retention with { Last = 0 } == new RetentionPolicy() ? view.Task.Retention.Last : null,
        view.Task.Retention,
        view.Task.DestinationRetention,
        view.Task.Enabled,
        view.Task.BandwidthLimitMBps,
        view.Task.Compression.ToString().ToLowerInvariant(),
        view.Task.Resumable,
        view.Task.Diverged,
        view.Task.ReseedRequested,
        view.Task.Window?.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        view.Task.Window?.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        view.Latest?.Status.ToString().ToLowerInvariant() ?? "never run",
        view.Latest is null ? null : AttemptDto.From(view.Latest),
        view.LastBackup?.EndedAt,
        warning);
}
