using System.Collections.Concurrent;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The destination's side of a run. A stream is received into the replica share's folder, where it is
/// not yet a snapshot of the appliance: it becomes one only once checked (read-only, received uuid equal
/// to the source snapshot's uuid, length and SHA-256 as announced). A failed or cut receive is deleted,
/// so no subvolume is left behind. (A read-only subvolume cannot be moved to another folder, and making
/// it writable to move it would lose its received uuid: see ADR-008.)
/// </summary>
public sealed class ReplicaReceiver(
    IIncomingReplicaRepository replicas,
    IShareRepository shares,
    ISnapshotRepository snapshots,
    IPoolRepository pools,
    PoolService poolService,
    IBtrfs btrfs,
    ConfinedReceive confined,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    IReceiveSpool spools,
    AttemptLog log,
    ReplicaProtection protection,
    ReplicaBases bases,
    TimeProvider time)
{
    /// <summary>How long a new try waits for the receive it supersedes to stop and clean up.</summary>
    private static readonly TimeSpan SupersedeWait = TimeSpan.FromSeconds(30);

    /// <summary>One receive at a time per replica share's folder (two tasks of one sender may share it).</summary>
    private readonly ConcurrentDictionary<string, ReceiveGate> _receiving = new(StringComparer.Ordinal);

    public ReplicationWelcome Hello(PairedAppliance sender, ReplicationHello hello)
    {
        try
        {
            if (!ResourceName.IsValid(hello.SourceShare))
            {
                throw new ReplicationRefusedException("The hello names no valid share to replicate.");
            }

            if (!ResourceName.IsValid(hello.TargetPool))
            {
                throw new ReplicationRefusedException("The hello names no valid pool to replicate into.");
            }

            if (hello.Retention is null)
            {
                throw new ReplicationRefusedException("The hello proposes no retention policy.");
            }

            if (hello.Retention.MostKept < 1)
            {
                throw new ReplicationRefusedException("The hello asks to keep no snapshot at all.");
            }

            hello.Retention.Validate(); // a count out of bounds is refused, as the admin's would be

            var pool = pools.Find(hello.TargetPool)
                ?? throw new ReplicationRefusedException($"Pool '{Echo.Of(hello.TargetPool)}' does not exist on the destination.");
            if (pool.Removable && !LocalTarget.IsSelf(sender))
            {
                throw new ReplicationRefusedException($"Pool '{pool.Name}' is on a removable disk of the destination, which only its own tasks write to.");
            }
            var replicaShare = ReplicaShareOf(sender, hello);
            if (shares.Find(replicaShare) is { } existing && (existing.Kind != ShareKind.Replica || existing.Pool != pool.Name))
            {
                throw new ReplicationRefusedException(
                    $"The destination already has a share '{replicaShare}' in pool '{existing.Pool}' that is not this task's replica.");
            }

            if (replicas.Find(sender.Id, hello.TaskId) is { Promotion: { } promotion })
            {
                throw Promoted(promotion);
            }

            if (replicas.Find(sender.Id, hello.TaskId) is { } replica && replica.Pool != pool.Name)
            {
                throw new ReplicationRefusedException($"This task replicates into pool '{replica.Pool}' on the destination, not '{pool.Name}'.");
            }

            var received = snapshots.ListForShare(replicaShare)
                .Where(s => s.ReceivedUuid is not null)
                .Select(s => s.ReceivedUuid!)
                .ToList();
            return new ReplicationWelcome(received, spools.PartialUuid(layout.SpoolDirectory(pool.Name, replicaShare)), bases.Held(sender, pool.Name, hello.BaseUuids));
        }
        catch (RockstorException e)
        {
            throw log.Refuse(sender, e);
        }
    }

    public async Task<ReplicaPlan> OfferAsync(PairedAppliance sender, ReplicationHello hello, ReplicationOffer offer, CancellationToken ct)
    {
        var replica = ReplicaOf(sender, hello);
        var attempt = log.Begin(replica.Id, offer.Snapshot);
        var receiving = _receiving.GetOrAdd(replica.ReplicaShare, _ => new ReceiveGate());
        var entered = false;
        SpoolPrefix? resume = null;
        Snapshot? parent = null;
        try
        {
            if (!ResourceName.IsSafe(offer.Snapshot))
            {
                throw new ReplicationRefusedException($"'{Echo.Of(offer.Snapshot)}' cannot name a snapshot.");
            }

            entered = await receiving.Gate.WaitAsync(0, ct).ConfigureAwait(false);
            if (!entered)
            {
                if (receiving.Owner != replica.Id)
                {
                    throw new ReplicationRefusedException("Another task's receive into this replica is under way; try again when it is done.", transient: true);
                }

                // The sender's runs of a task never overlap, so a new try means it gave up on the receive
                // still under way here (its connection went silent): that one stops and is cleaned up.
                receiving.Supersede();
                entered = await receiving.Gate.WaitAsync(SupersedeWait, ct).ConfigureAwait(false);
                if (!entered)
                {
                    throw new ReplicationRefusedException("A receive for this task is still being cleaned up.", transient: true);
                }
            }

            receiving.Begin(replica.Id);

            // Promoted while this offer waited for the folder: it takes no more runs.
            if (replicas.Find(replica.Id)?.Promotion is { } promoted)
            {
                throw Promoted(promoted);
            }

            var pool = await poolService.RequireMountedAsync(replica.Pool, ct).ConfigureAwait(false);
            if (files.Exists(layout.SnapshotPath(replica.Pool, replica.ReplicaShare, offer.Snapshot)))
            {
                throw new ReplicationRefusedException($"The replica already has a snapshot named '{Echo.Of(offer.Snapshot)}'.");
            }

            await confined.CheckNotReceivedAsync(layout.PoolMountPoint(replica.Pool), offer, ct).ConfigureAwait(false);
            if (offer.ParentUuid is not null)
            {
                parent = snapshots.ListForShare(replica.ReplicaShare).FirstOrDefault(s => s.ReceivedUuid == offer.ParentUuid);
                if (parent is null)
                {
                    // The first incremental of a reverse or a switch back: its base is copied in (ADR-033).
                    EnsureReplicaShare(pool, replica);
                    parent = await bases.SeedAsync(sender, pool, replica, attempt, offer.ParentUuid, offer.Snapshot, ct).ConfigureAwait(false);
                }

                attempt.Parent = (parent ?? throw new ReplicationRefusedException("The destination no longer holds the parent snapshot of this incremental send.")).Name;
            }

            await confined.CheckOfferAsync(layout.PoolMountPoint(replica.Pool), offer, parent, ct).ConfigureAwait(false);
            EnsureReplicaShare(pool, replica);

            // A resumable offer goes on from what the spool holds of this snapshot; any other spool is stale.
            var spool = layout.SpoolDirectory(replica.Pool, replica.ReplicaShare);
            if (offer.Resumable)
            {
                resume = await spools.PrepareAsync(spool, offer, ct).ConfigureAwait(false);
                attempt.ResumedFrom = resume.Length;
            }
            else
            {
                spools.Delete(spool);
            }
        }
        catch (Exception e)
        {
            // Whatever stopped the offer (a refusal, the connection dropping, the disk), the folder is free again.
            if (entered)
            {
                receiving.End();
            }

            log.End(TrailSide.Receive, attempt, AttemptStatus.Failed, e is RockstorException ? e.Message : $"The offer could not be taken: {e.Message}");
            if (e is RockstorException refused)
            {
                throw log.Refuse(sender, refused);
            }

            throw;
        }

        log.Save(TrailSide.Receive, attempt);
        return new ReplicaPlan(sender, replica, attempt, offer, layout.ShareSnapshotsDirectory(replica.Pool, replica.ReplicaShare), parent, resume);
    }

    public async Task<ReplicationVerdict> ReceiveAsync(ReplicaPlan plan, ReceivedStream stream, IProgress<long> applied, CancellationToken ct)
    {
        var (sender, replica, attempt, offer, folder, parent, resume) = plan;
        var received = Path.Combine(folder, offer.Snapshot);
        var spool = layout.SpoolDirectory(replica.Pool, replica.ReplicaShare);
        var receiving = _receiving[replica.ReplicaShare];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, receiving.Token);
        ct = stop.Token;
        var spooling = false;
        var garbled = false;
        try
        {
            var pool = await poolService.RequireMountedAsync(replica.Pool, ct).ConfigureAwait(false);
            files.CreateDirectory(folder);
            Subvolume? subvolume = null;
            using (log.Ticker(TrailSide.Receive, attempt, stream))
            {
                if (resume is null)
                {
                    subvolume = await confined.ReceiveAsync(folder, stream, offer, parent, ct).ConfigureAwait(false);
                }
                else
                {
                    spooling = true;
                    await spools.AppendAsync(spool, offer, resume.Length, stream, ct).ConfigureAwait(false);
                    spooling = false;
                }
            }

            AttemptLog.Count(attempt, stream);
            garbled = !stream.Intact;
            AttemptLog.RequireFaithful(stream);

            if (resume is not null)
            {
                // The whole stream is in the spool and checked: now btrfs receive rebuilds the snapshot from it.
                await using var whole = spools.OpenRead(spool, offer, applied);
                subvolume = await confined.ReceiveAsync(folder, whole, offer, parent, ct).ConfigureAwait(false);
            }

            await PutInPlaceAsync(pool, sender, replica, offer, received, subvolume!, ct).ConfigureAwait(false);
            attempt.Status = AttemptStatus.Succeeded;
            if (resume is not null)
            {
                ForgetSpool(spool);
            }

            return new ReplicationVerdict(true, null, stream.Received, stream.StreamReceived, ResumedFrom: resume?.Length ?? 0);
        }
#pragma warning disable CA1031 // Whatever ended the receive (a cut socket surfaces in several shapes), nothing half-received stays.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A spool cut while it grew keeps what arrived, for the next try; a spool whose stream turned
            // out wrong (it did not match, or did not check) or that could not be written (the pool is
            // full) is deleted, and the next try starts over.
            // A cancel keeps what the spool holds too, even whole and being applied: the next run applies it.
            var cancelledHere = receiving.Cancelled;
            var cancelled = cancelledHere || stream.StoppedBySender is not null;
            var keepSpool = (spooling || (resume is not null && cancelled)) && e is not (StreamMismatchException or StorageCommandException);
            var startOver = resume is not null && !keepSpool;
            attempt.Status = cancelled ? AttemptStatus.Cancelled : AttemptStatus.Failed;
            attempt.Error = e switch
            {
                _ when receiving.Superseded => "Superseded: the sender gave up on this connection and tried again.",
                _ when cancelledHere => "Cancelled by this appliance's admin.",
                _ when stream.StoppedBySender is { } why => $"The sender stopped the run: {why}",
                OperationCanceledException => "The receive was stopped.",
                RockstorException => e.Message,
                _ => $"The stream was cut: {e.Message}",
            };
            if (keepSpool)
            {
                attempt.Error += " What arrived is kept; the next try goes on from there.";
            }

            if (e is UnsafeSendStreamException)
            {
                log.Refused(sender, e.Message);
            }

            await DiscardAsync(replica, received).ConfigureAwait(false);
            if (startOver)
            {
                ForgetSpool(spool);
            }

            // A stream garbled on the way, or a resumed one that did not match, is worth sending again.
            var retry = garbled || e is StreamMismatchException;
            return new ReplicationVerdict(false, attempt.Error, stream.Received, stream.StreamReceived, retry && !cancelledHere, resume?.Length ?? 0, cancelledHere);
        }
        finally
        {
            try
            {
                AttemptLog.Count(attempt, stream);
                log.End(TrailSide.Receive, attempt, attempt.Status, attempt.Error);
            }
            finally
            {
                receiving.End();
            }
        }
    }

    /// <summary>
    /// Stops the receive under way for the incoming replica, if one is: the sender is told (its run ends as
    /// cancelled and is not tried again), and a resumable transfer keeps what arrived for the next run.
    /// </summary>
    public void Cancel(int replicaId)
    {
        _ = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        if (!_receiving.Values.Any(gate => gate.Cancel(replicaId)))
        {
            throw new ConflictException("Nothing is being received for this replica right now: there is no run to cancel.");
        }
    }

    /// <summary>
    /// Keeps every receive out of the replica's folder until disposed (a promotion marks the replica
    /// meanwhile); refused while one is under way.
    /// </summary>
    public IDisposable HoldFolder(IncomingReplica replica)
    {
        var gate = _receiving.GetOrAdd(replica.ReplicaShare, _ => new ReceiveGate());
        if (!gate.Gate.Wait(0))
        {
            throw new ConflictException("A run of its source is being received into this replica: cancel it (Cancel run on its trail) or let it end, then promote.");
        }

        return new FolderHold(gate);
    }

    private sealed class FolderHold(ReceiveGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Gate.Release();
            }
        }
    }

    /// <summary>The refusal of a run into a replica that was made a live share here.</summary>
    private static ReplicationRefusedException Promoted(Promotion.ReplicaPromotion promotion) => new(
        $"This task's replica was promoted on the destination to the live share '{promotion.Share}' "
        + $"({promotion.When}, from {promotion.Snapshot}): it takes no more runs from this task.");

    public void Abandon(ReplicaPlan plan, string reason)
    {
        log.End(TrailSide.Receive, plan.Attempt, AttemptStatus.Failed, $"The connection broke before any data: {reason}");
        _receiving[plan.Replica.ReplicaShare].End();
    }

    private IncomingReplica ReplicaOf(PairedAppliance sender, ReplicationHello hello)
    {
        if (replicas.Find(sender.Id, hello.TaskId) is { } known)
        {
            if (known.Promotion is { } promotion)
            {
                throw Promoted(promotion);
            }

            if (hello.Retention is { } proposal && protection.Propose(known, proposal) is { } notAdopted)
            {
                log.Refused(sender, notAdopted);
            }

            return known;
        }

        var replica = new IncomingReplica
        {
            SenderApplianceId = sender.Id,
            SenderTaskId = hello.TaskId,
            SourceShare = hello.SourceShare,
            ReplicaShare = ReplicaShareOf(sender, hello),
            Pool = hello.TargetPool,
            ProposedRetention = hello.Retention,
            AdoptedRetention = hello.Retention,
        };
        replicas.Save(replica);
        return replica;
    }

    /// <summary>A peer's share becomes "&lt;its id&gt;_&lt;share&gt;"; one of this appliance's own, sent to another of its pools, "&lt;pool&gt;_&lt;share&gt;".</summary>
    private static string ReplicaShareOf(PairedAppliance sender, ReplicationHello hello) =>
        LocalTarget.IsSelf(sender)
            ? ReplicationNames.LocalReplicaShare(hello.TargetPool, hello.SourceShare)
            : ReplicationNames.ReplicaShare(sender.Id, hello.SourceShare);

    /// <summary>The replica share exists from the first offer, so its folder is known as one while data arrives.</summary>
    private void EnsureReplicaShare(Pool pool, IncomingReplica replica)
    {
        if (shares.Find(replica.ReplicaShare) is null)
        {
            shares.Add(new Share { Name = replica.ReplicaShare, Pool = pool.Name, Uuid = "", CreatedAt = time.GetUtcNow(), Kind = ShareKind.Replica });
        }
    }

    private async Task PutInPlaceAsync(Pool pool, PairedAppliance sender, IncomingReplica replica, ReplicationOffer offer, string path, Subvolume subvolume, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        snapshots.Upsert(SnapshotReconciler.FromSubvolume(pool.Name, replica.ReplicaShare, offer.Snapshot, path, subvolume, subvolume.CreatedAt ?? time.GetUtcNow()));

        // The snapshot is here and checked: whatever happens to retention now, the receive has succeeded.
        try
        {
            await ThinAsync(sender, replica.Id, offer.Snapshot).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Retention that cannot finish must not undo a good receive; the next receive tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Refused(sender, $"Retention of {replica.ReplicaShare} could not finish ({e.Message}); the next receive tries again.");
        }
    }

    /// <summary>
    /// Retention on this side, by this side's policy (<see cref="ReplicaProtection"/>), over this task's
    /// snapshots only (another task's, say of a rebuilt source, stay until the admin deletes them). The
    /// caller holds the storage lock; nothing here stops half-way for the connection's sake.
    /// </summary>
    private async Task ThinAsync(PairedAppliance sender, int replicaId, string newest)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        var own = snapshots.ListForShare(replica.ReplicaShare)
            .Where(s => s.ReceivedUuid is not null && ReplicationNames.IsOfTask(s.Name, replica.SenderTaskId))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var (delete, withheld) = protection.Thin(replica, own, newest);
        foreach (var old in delete)
        {
            await btrfs.DeleteSubvolumeAsync(old.Path, CancellationToken.None).ConfigureAwait(false);
            snapshots.Remove(old.Share, old.Name);
        }

        var known = replica.Withheld.Select(w => w.Snapshot).ToHashSet(StringComparer.Ordinal);
        replicas.SaveReceive(replica.Id, time.GetUtcNow(), withheld);
        if (withheld.Any(w => !known.Contains(w.Snapshot)))
        {
            log.Refused(sender, $"Kept protected snapshots of {replica.ReplicaShare} that its retention policy ({replica.EffectiveRetention}, "
                + $"{replica.EffectiveRetentionSource}) would have deleted; the Receive screen lists them, and each may go at the first receive after its protection period ends.");
        }
    }

    /// <summary>Deletes a replica's spools; one that cannot be deleted now is deleted by the next offer.</summary>
    private void ForgetSpool(string spool)
    {
        try
        {
            spools.Delete(spool);
        }
        catch (StorageCommandException)
        {
            // The next offer for this replica prepares the spool folder again and deletes what is stale.
        }
    }

    /// <summary>Deletes the subvolume of a failed receive (complete or not) and forgets it if a reconcile saw it.</summary>
    private async Task DiscardAsync(IncomingReplica replica, string path)
    {
        if (!files.Exists(path))
        {
            return;
        }

        try
        {
            await btrfs.DeleteSubvolumeAsync(path, CancellationToken.None).ConfigureAwait(false);
            snapshots.Remove(replica.ReplicaShare, Path.GetFileName(path));
        }
        catch (StorageCommandException)
        {
            // Left for the start-up sweep; the failure itself is already in the trail.
        }
    }
}
