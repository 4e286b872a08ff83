using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication.Failback;

/// <summary>A snapshot sent back by a replica for a restore asked for here (failback), received into a staging folder of the pool.</summary>
public sealed record RestorePlan(PairedAppliance Sender, ReplicationHello Hello, PendingRestore Restore, string Pool, string Folder, int? TaskId, Attempt Attempt, ReplicationOffer Offer)
    : ReceivePlan(Attempt, Offer, null);
