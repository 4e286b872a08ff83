namespace Rockstor.Domain.Replication;

/// <summary>
/// What is about to be sent: the snapshot, and the parent it is relative to (null: a full send);
/// <see cref="Resumable"/> when the receiver is to keep what arrives so a cut transfer can go on.
/// </summary>
public sealed record ReplicationOffer(string Snapshot, string SnapshotUuid, string? ParentUuid, bool Resumable = false);
