using System.Globalization;
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
    ISnapshotRepository snapshots,
    SnapshotService snapshotService,
    ReplicaReceiver receiver,
    TimeProvider time)
{
    /// <summary>Makes the share; the replica is marked before, so no run slips in, and unmarked if the share cannot be made.</summary>
    public async Task<ShareView> PromoteAsync(int replicaId, PromoteRequest request, CancellationToken ct)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        if (replica.Promotion is { } done)
        {
            throw new ConflictException($"This replica was already promoted, to the share '{done.Share}' on {Day(done.At)}.");
        }

        if (string.IsNullOrWhiteSpace(request.Share))
        {
            throw new ValidationException("Name the share the replica becomes.");
        }

        ResourceName.Validate(request.Share, "share");
        var received = snapshots.ListForShare(replica.ReplicaShare)
            .Where(s => s.ReceivedUuid is not null)
            .OrderBy(s => s.CreatedAt)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var snapshot = request.Snapshot is null
            ? received.LastOrDefault() ?? throw new ConflictException("The replica holds no received snapshot yet: there is nothing to promote.")
            : received.FirstOrDefault(s => s.Name == request.Snapshot)
                ?? throw new NotFoundException($"The replica {replica.ReplicaShare} holds no received snapshot '{Echo.Of(request.Snapshot)}'.");
        if (receiver.IsReceiving(replica.Id))
        {
            throw new ConflictException("A run of its source is being received into this replica: cancel it (Cancel run on its trail) or let it end, then promote.");
        }

        replicas.SavePromotion(replica.Id, new ReplicaPromotion(request.Share, snapshot.Name, time.GetUtcNow()));
        try
        {
            return await snapshotService.CloneAsync(replica.ReplicaShare, snapshot.Name, request.Share, ct).ConfigureAwait(false);
        }
        catch
        {
            replicas.SavePromotion(replica.Id, null);
            throw;
        }
    }

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
