using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>A new task or a change to one: <see cref="Keep"/> is a shorthand for a <see cref="Retention"/> of the last N; absent fields stay as they were.</summary>

public sealed record TaskRequest(
    string? Share,
    string? TargetApplianceId,
    string? TargetPool,
    int? FrequencyMinutes,
    string? Cron,
    int? Port,
    int? Keep,
    bool? Enabled,
    double? BandwidthLimitMBps = null,
    string? Compression = null,
    bool? Resumable = null,
    string? WindowStart = null,
    string? WindowEnd = null,
    RetentionPolicy? Retention = null,
    RetentionPolicy? DestinationRetention = null);
