using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// A snapshot of a replicated share from <see cref="Sender"/>, received into the replica share's folder;
/// <see cref="Parent"/> is the replica's snapshot an incremental stream builds on.
/// </summary>
public sealed record ReplicaPlan(PairedAppliance Sender, IncomingReplica Replica, Attempt Attempt, ReplicationOffer Offer, string Folder, Snapshot? Parent, SpoolPrefix? Resume = null)
    : ReceivePlan(Attempt, Offer, Resume);
