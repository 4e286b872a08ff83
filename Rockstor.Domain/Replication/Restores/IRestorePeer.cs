using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Replication.Restores;

/// <summary>The calls a restore makes to the appliance that holds the replica, over its pinned management API.</summary>
public interface IRestorePeer
{
    /// <summary>What the peer holds of this appliance's shares.</summary>
    Task<IReadOnlyList<HeldReplica>> ListHeldAsync(PairedAppliance peer, string ownId, CancellationToken ct);

    /// <summary>Asks the peer to send a snapshot back; it answers once the send is queued, or refuses with its reason.</summary>
    Task RequestRestoreAsync(PairedAppliance peer, string ownId, PeerRestoreRequest request, CancellationToken ct);
}
