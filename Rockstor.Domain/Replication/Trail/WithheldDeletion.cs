namespace Rockstor.Domain.Replication.Trail;

/// <summary>
/// A received snapshot the replica's retention policy would delete but its protection keeps: what the
/// destination refused to delete, since <see cref="FirstAt"/>, under <see cref="Policy"/>, until <see cref="ProtectedUntil"/>.
/// </summary>
public sealed record WithheldDeletion(string Snapshot, string Policy, DateTimeOffset FirstAt, DateTimeOffset ProtectedUntil);
