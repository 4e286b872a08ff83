namespace Rockstor.Domain.Replication;

/// <summary>
/// The sender's first words: which task, from which share, into which pool. With <see cref="Restore"/>
/// the sender is a destination sending a replica snapshot back to the task's source (failback).
/// </summary>
public sealed record ReplicationHello(int TaskId, string SourceShare, string TargetPool, int Keep, RestoreRequest? Restore = null);
