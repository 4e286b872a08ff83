using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Replication;

/// <summary>
/// The sender's first words: which task, from which share, into which pool, and the retention policy it
/// proposes for the destination (which the destination's admin may override, and which never deletes a
/// protected or locked snapshot there). With <see cref="Restore"/> the sender is a destination sending a
/// replica snapshot back to the task's source (failback), and proposes nothing. <see cref="BaseUuids"/>,
/// for a share that was promoted from a replica here, are the destination's own snapshot uuids that
/// replica holds copies of: a first incremental can build on one the destination still has (ADR-033).
/// </summary>
public sealed record ReplicationHello(
    int TaskId,
    string SourceShare,
    string TargetPool,
    RetentionPolicy? Retention,
    RestoreRequest? Restore = null,
    IReadOnlyList<string>? BaseUuids = null);
