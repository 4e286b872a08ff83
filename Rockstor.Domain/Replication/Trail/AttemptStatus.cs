namespace Rockstor.Domain.Replication.Trail;

public enum AttemptStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Stopped on purpose by an admin (of either side) before it ended.</summary>
    Cancelled,
}
