using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Replication.Promotion;

/// <summary>
/// Disaster recovery on the destination: when the source is lost, a received snapshot becomes a live,
/// writable share of this appliance (a clone: made at once, taking no space until it changes), to be
/// offered over the network like any share; the replica is marked promoted and refuses its source's
/// runs from then on, so a source that comes back cannot overwrite what the promoted share grew from.
/// </summary>
public sealed class ReplicaPromoter(
    IIncomingReplicaRepository replicas,
    ReplicationQueries queries,
    SnapshotService snapshotService,
    ReplicaReceiver receiver,
    TimeProvider time)
{
    /// <summary>Makes the share; the replica is marked before, so no run slips in, and unmarked if the share cannot be made.</summary>
    public async Task<ShareView> PromoteAsync(int replicaId, PromoteRequest request)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        if (replica.Promotion is { } done)
        {
            throw new ConflictException($"This replica was already promoted, to the share '{done.Share}' on {done.When}.");
        }

        if (string.IsNullOrWhiteSpace(request.Share))
        {
            throw new ValidationException("Name the share the replica becomes.");
        }

        ResourceName.Validate(request.Share, "share");
        var received = queries.Received(replica);
        var snapshot = request.Snapshot is null
            ? received.FirstOrDefault() ?? throw new ConflictException("The replica holds no received snapshot yet: there is nothing to promote.")
            : received.FirstOrDefault(s => s.Name == request.Snapshot)
                ?? throw new NotFoundException($"The replica {replica.ReplicaShare} holds no received snapshot '{Echo.Of(request.Snapshot)}'.");
        // No receive may start between the mark and the share: the folder is held meanwhile, and an offer
        // that was waiting for it finds the mark once in.
        using var held = receiver.HoldFolder(replica);
        replicas.SavePromotion(replica.Id, new ReplicaPromotion(request.Share, snapshot.Name, time.GetUtcNow()));
        try
        {
            // Marked: made to the end whatever the caller does now (a dropped request must not unmark a made share).
            return await snapshotService.CloneAsync(replica.ReplicaShare, snapshot.Name, request.Share, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            replicas.SavePromotion(replica.Id, null);
            throw;
        }
    }
}
