using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication;

/// <summary>
/// The destination's side of a run. A stream is received into a staging folder inside the target pool,
/// checked (read-only, received uuid equal to the source snapshot's uuid, length and SHA-256 as announced),
/// and only then moved in place as the newest snapshot of the replica share. A failed or cut receive
/// leaves no subvolume behind.
/// </summary>
public sealed class ReplicaReceiver(
    IIncomingReplicaRepository replicas,
    ITrailRepository trails,
    IShareRepository shares,
    ISnapshotRepository snapshots,
    IPoolRepository pools,
    PoolService poolService,
    IBtrfs btrfs,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    IReplicationEvents events,
    IRefusalLog refusals,
    TimeProvider time) : IReplicationReceiver
{
    public ReplicationWelcome Hello(PairedAppliance sender, ReplicationHello hello)
    {
        try
        {
            var pool = pools.Find(hello.TargetPool ?? "")
                ?? throw new ReplicationRefusedException($"Pool '{hello.TargetPool}' does not exist on the destination.");
            var replicaShare = ReplicationNames.ReplicaShare(sender.Id, hello.SourceShare);
            if (shares.Find(replicaShare) is { } existing && (existing.Kind != ShareKind.Replica || existing.Pool != pool.Name))
            {
                throw new ReplicationRefusedException(
                    $"The destination already has a share '{replicaShare}' in pool '{existing.Pool}' that is not this task's replica.");
            }

            if (replicas.Find(sender.Id, hello.TaskId) is { } replica && replica.Pool != pool.Name)
            {
                throw new ReplicationRefusedException($"This task replicates into pool '{replica.Pool}' on the destination, not '{pool.Name}'.");
            }

            var received = snapshots.ListForShare(replicaShare)
                .Where(s => s.ReceivedUuid is not null)
                .Select(s => s.ReceivedUuid!)
                .ToList();
            return new ReplicationWelcome(received);
        }
        catch (ReplicationRefusedException e)
        {
            refusals.Add(new Refusal(time.GetUtcNow(), sender.Host, sender.Id, e.Message));
            throw;
        }
    }

    public async Task<ReceivePlan> OfferAsync(PairedAppliance sender, ReplicationHello hello, ReplicationOffer offer, CancellationToken ct)
    {
        var replica = ReplicaOf(sender, hello);
        var attempt = new Attempt
        {
            OwnerId = replica.Id,
            StartedAt = time.GetUtcNow(),
            Status = AttemptStatus.Running,
            Snapshot = offer.Snapshot,
        };
        try
        {
            if (!ResourceName.IsSafe(offer.Snapshot))
            {
                throw new ReplicationRefusedException($"'{offer.Snapshot}' cannot name a snapshot.");
            }

            await poolService.RequireMountedAsync(replica.Pool, ct).ConfigureAwait(false);
            if (offer.ParentUuid is not null)
            {
                var parent = snapshots.ListForShare(replica.ReplicaShare).FirstOrDefault(s => s.ReceivedUuid == offer.ParentUuid)
                    ?? throw new ReplicationRefusedException("The destination no longer holds the parent snapshot of this incremental send.");
                attempt.Parent = parent.Name;
            }

            if (files.Exists(layout.SnapshotPath(replica.Pool, replica.ReplicaShare, offer.Snapshot)))
            {
                throw new ReplicationRefusedException($"The replica already has a snapshot named '{offer.Snapshot}'.");
            }
        }
        catch (RockstorException e)
        {
            attempt.Status = AttemptStatus.Failed;
            attempt.Error = e.Message;
            attempt.EndedAt = time.GetUtcNow();
            Record(attempt);
            refusals.Add(new Refusal(time.GetUtcNow(), sender.Host, sender.Id, e.Message));
            throw e as ReplicationRefusedException ?? new ReplicationRefusedException(e.Message);
        }

        Record(attempt);
        var staging = Path.Combine(layout.PoolMountPoint(replica.Pool), ReplicationNames.StagingFolder(replica.Id));
        return new ReceivePlan(replica, attempt, offer, hello.Keep, staging);
    }

    public async Task<ReplicationVerdict> ReceiveAsync(ReceivePlan plan, ReceivedStream stream, CancellationToken ct)
    {
        var (replica, attempt, offer, keep, staging) = plan;
        try
        {
            var pool = await poolService.RequireMountedAsync(replica.Pool, ct).ConfigureAwait(false);
            await ClearStagingAsync(staging).ConfigureAwait(false);
            files.CreateDirectory(staging);
            using (new ProgressTicker(stream, attempt, events, time))
            {
                await btrfs.ReceiveAsync(staging, stream, ct).ConfigureAwait(false);
            }

            attempt.Bytes = stream.Received;
            if (!stream.Intact)
            {
                throw new ReplicationRefusedException("The stream that arrived is not the one sent (its length or SHA-256 differs); nothing was kept.");
            }

            var received = await btrfs.ShowSubvolumeAsync(Path.Combine(staging, offer.Snapshot), ct).ConfigureAwait(false);
            if (!received.ReadOnly || !string.Equals(received.ReceivedUuid, offer.SnapshotUuid, StringComparison.OrdinalIgnoreCase))
            {
                throw new ReplicationRefusedException(
                    $"The received subvolume is not a faithful copy (read-only: {received.ReadOnly}, received uuid: {received.ReceivedUuid ?? "none"}); nothing was kept.");
            }

            await PutInPlaceAsync(pool, replica, offer, staging, keep, ct).ConfigureAwait(false);
            attempt.Status = AttemptStatus.Succeeded;
            return new ReplicationVerdict(true, null, stream.Received);
        }
#pragma warning disable CA1031 // Whatever ended the receive (a cut socket surfaces in several shapes), nothing half-received stays.
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Status = AttemptStatus.Failed;
            attempt.Error = e switch
            {
                OperationCanceledException => "The receive was stopped.",
                RockstorException => e.Message,
                _ => $"The stream was cut: {e.Message}",
            };
            await ClearStagingAsync(staging).ConfigureAwait(false);
            return new ReplicationVerdict(false, attempt.Error, stream.Received);
        }
        finally
        {
            attempt.Bytes = stream.Received;
            attempt.EndedAt = time.GetUtcNow();
            attempt.BytesPerSecond = ReplicationRules.Rate(attempt.Bytes, attempt.EndedAt.Value - attempt.StartedAt);
            Record(attempt);
        }
    }

    /// <summary>At start-up: removes whatever receives cut by a crash left in the staging folders.</summary>
    public async Task ClearStagingAsync(CancellationToken ct)
    {
        foreach (var pool in pools.List())
        {
            if (await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
            {
                foreach (var staging in files.Entries(Path.Combine(layout.PoolMountPoint(pool.Name), ReplicationNames.StagingRoot)))
                {
                    await ClearStagingAsync(staging).ConfigureAwait(false);
                }
            }
        }
    }

    public void Refused(string from, string reason) => refusals.Add(new Refusal(time.GetUtcNow(), from, null, reason));

    private IncomingReplica ReplicaOf(PairedAppliance sender, ReplicationHello hello)
    {
        if (replicas.Find(sender.Id, hello.TaskId) is { } known)
        {
            return known;
        }

        var replica = new IncomingReplica
        {
            SenderApplianceId = sender.Id,
            SenderTaskId = hello.TaskId,
            SourceShare = hello.SourceShare,
            ReplicaShare = ReplicationNames.ReplicaShare(sender.Id, hello.SourceShare),
            Pool = hello.TargetPool,
        };
        replicas.Save(replica);
        return replica;
    }

    private async Task PutInPlaceAsync(Pool pool, IncomingReplica replica, ReplicationOffer offer, string staging, int keep, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var destination = layout.SnapshotPath(pool.Name, replica.ReplicaShare, offer.Snapshot);

        files.CreateDirectory(layout.ShareSnapshotsDirectory(pool.Name, replica.ReplicaShare));
        files.Move(Path.Combine(staging, offer.Snapshot), destination);
        var placed = await btrfs.ShowSubvolumeAsync(destination, ct).ConfigureAwait(false);
        snapshots.Upsert(SnapshotReconciler.FromSubvolume(pool.Name, replica.ReplicaShare, offer.Snapshot, destination, placed, placed.CreatedAt ?? time.GetUtcNow()));
        if (shares.Find(replica.ReplicaShare) is null)
        {
            shares.Add(new Share { Name = replica.ReplicaShare, Pool = pool.Name, Uuid = placed.Uuid, CreatedAt = time.GetUtcNow(), Kind = ShareKind.Replica });
        }

        replica.LastReceiveAt = time.GetUtcNow();
        replicas.Save(replica);

        // Retention on this side: the newest (the one just received, the next parent) is never pruned.
        var own = snapshots.ListForShare(replica.ReplicaShare).Where(s => s.ReceivedUuid is not null).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        foreach (var old in ReplicationRules.Prune(own, keep, own.LastOrDefault()))
        {
            await btrfs.DeleteSubvolumeAsync(old.Path, ct).ConfigureAwait(false);
            snapshots.Remove(old.Share, old.Name);
        }
    }

    /// <summary>Deletes whatever a cut or failed receive left in the staging folder.</summary>
    private async Task ClearStagingAsync(string staging)
    {
        foreach (var entry in files.Entries(staging))
        {
            try
            {
                await btrfs.DeleteSubvolumeAsync(entry, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageCommandException)
            {
                // Not a subvolume (a stray file or folder btrfs receive made): removed below.
            }
        }

        files.RemoveTree(staging);
    }

    private void Record(Attempt attempt)
    {
        trails.Save(TrailSide.Receive, attempt);
        events.AttemptChanged(TrailSide.Receive, attempt);
    }

    /// <summary>Reports the bytes received four times a second while btrfs receive reads the stream.</summary>
    private sealed class ProgressTicker : IDisposable
    {
        private readonly ITimer _timer;

        public ProgressTicker(ReceivedStream stream, Attempt attempt, IReplicationEvents events, TimeProvider time) =>
            _timer = time.CreateTimer(
                _ => events.Progress(TrailSide.Receive, attempt.OwnerId, attempt.Id, stream.Received, ReplicationRules.Rate(stream.Received, time.GetUtcNow() - attempt.StartedAt)),
                null,
                TimeSpan.FromMilliseconds(250),
                TimeSpan.FromMilliseconds(250));

        public void Dispose() => _timer.Dispose();
    }
}
