namespace Rockstor.Domain.Alerts;

public enum AlertKind
{
    /// <summary>A replication run failed.</summary>
    RunFailed,

    /// <summary>No good snapshot has reached a task's destination for three times its interval.</summary>
    Stale,
}
