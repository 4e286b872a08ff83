namespace Rockstor.Domain.Alerts;
/// <summary>
/// Something the admin must hear of, about one replication task: raised once, told once through the
/// configured channels, and open until the task works again (or is deleted).
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }

    public required AlertKind Kind { get; init; }

    public required int TaskId { get; init; }

    /// <summary>What it is about, in words: "docs to nas2 (pool tank)".</summary>
    public required string Subject { get; init; }

    /// <summary>What went wrong: the run's error, or how long nothing arrived.</summary>
    public required string Message { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>When the raising was told through at least one channel.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>Why telling failed, per channel ("email: …; webhook: …"); null when all went.</summary>
    public string? NotifyError { get; set; }

    public bool Open => ResolvedAt is null;
}
