namespace Rockstor.Domain.Replication.Tasks;

/// <summary>A task as saved, with a warning for the admin when replication cannot run yet.</summary>
public sealed record TaskResult(ReplicationTask Task, string? Warning);
