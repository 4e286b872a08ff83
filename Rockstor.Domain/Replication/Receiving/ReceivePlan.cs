using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// An accepted offer and the attempt that records it. For a resumable offer, <see cref="Resume"/> is what
/// the spool already holds (the sender skips that much).
/// </summary>
public abstract record ReceivePlan(Attempt Attempt, ReplicationOffer Offer, SpoolPrefix? Resume);
