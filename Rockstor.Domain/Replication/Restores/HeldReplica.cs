namespace Rockstor.Domain.Replication.Restores;

/// <summary>What a paired appliance holds of one of this appliance's shares: its received snapshots, newest first.</summary>
public sealed record HeldReplica(string SourceShare, IReadOnlyList<HeldSnapshot> Snapshots);
