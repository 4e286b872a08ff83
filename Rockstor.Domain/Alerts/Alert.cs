namespace Rockstor.Domain.Alerts;

public enum AlertKind
{
    /// <summary>A replication run failed.</summary>
    RunFailed,

    /// <summary>No good snapshot has reached a task's destination for three times its interval.</summary>
    Stale,
}

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

public interface IAlertRepository
{
    /// <summary>Adds the alert (giving it its id) or replaces it.</summary>
    void Save(Alert alert);

    /// <summary>The open alert of this kind for the task, if any.</summary>
    Alert? FindOpen(AlertKind kind, int taskId);

    IReadOnlyList<Alert> OpenFor(int taskId);

    /// <summary>Newest first; open ones only when asked.</summary>
    IReadOnlyList<Alert> List(bool openOnly, int take);

    int CountOpen();
}

/// <summary>How a raised or resolved alert is told: as it stands, and which appliance tells it.</summary>
public sealed record AlertNotice(Alert Alert, AlertNoticeKind Kind, string ApplianceId, string ApplianceHostname);

public enum AlertNoticeKind
{
    Raised,
    Resolved,

    /// <summary>The admin checking the settings ("Send a test").</summary>
    Test,
}

/// <summary>A way to tell the admin: email, a webhook.</summary>
public interface IAlertChannel
{
    /// <summary>"email", "webhook": how errors name it.</summary>
    string Name { get; }

    bool IsConfigured(AlertSettings settings);

    /// <summary>Tells the notice; throws with the reason when it could not.</summary>
    Task SendAsync(AlertNotice notice, AlertSettings settings, CancellationToken ct);
}
