using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Replication.Trail;

/// <summary>A send task as its table shows it: where it goes, how its latest attempt went, and its last backup.</summary>
public sealed record SendTaskView(ReplicationTask Task, string TargetHostname, Attempt? Latest, Attempt? LastBackup);
