namespace Rockstor.Domain.Replication.Trail;

public enum AttemptStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
