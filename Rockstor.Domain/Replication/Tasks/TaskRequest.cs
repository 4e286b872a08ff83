namespace Rockstor.Domain.Replication.Tasks;

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
    string? WindowEnd = null);
