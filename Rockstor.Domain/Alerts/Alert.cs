namespace Rockstor.Domain.Alerts;
/// <summary>
/// Something the admin must hear of, about one replication task, one pool, a disk, a service or the
/// certificate: raised once, told once through the configured channels, and open until the condition
/// clears (the task works again, a scrub finds no errors, the error counters are reset, the service runs
/// again…) or its subject is deleted.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }

    public required AlertKind Kind { get; init; }

    /// <summary>The replication task it is about; 0 for an alert about a pool.</summary>
    public required int TaskId { get; init; }

    /// <summary>The pool it is about; null for an alert about a replication task.</summary>
    public string? Pool { get; init; }

    /// <summary>
    /// What else it is about, for an alert about neither a task nor a pool: "disk:WD-123" (a disk by its
    /// serial), "service:samba", "certificate". Null otherwise.
    /// </summary>
    public string? About { get; init; }

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
