using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Snapshots.Files;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Failback;

/// <summary>
/// The source's side of a failback: takes a snapshot a paired appliance sends back only against a restore
/// the admin asked for here (<see cref="RestoreService.Claim"/>: asked of that appliance, for that share and
/// snapshot, once, in time), into a staging folder of the pool; checks it (confined, read-only, its received
/// uuid the one offered, length and SHA-256), and only then makes the new share of it, or keeps it as a
/// snapshot of the original share and rolls that back (its current state is kept first), as the restore
/// says. The staging copy is always deleted. Recorded in the restore and in the trail of the task that
/// replicates the share to that appliance, when there is one (after a rebuild there is none).
/// </summary>
public sealed class FailbackReceiver(
    IShareRepository shares,
    IPoolRepository pools,
    PoolService poolService,
    SnapshotService snapshotService,
    SnapshotRestoreService fileRestores,
    RestoreService restores,
    IReplicationTaskRepository tasks,
    ConfinedReceive confined,
    IStorageFiles files,
    StorageLayout layout,
    AttemptLog log)
{
    /// <summary>One failback is received at a time.</summary>
    private readonly SemaphoreSlim _one = new(1, 1);

    public ReplicationWelcome Hello(PairedAppliance sender, ReplicationHello hello)
    {
        log.Refusing(sender, () => Target(restores.Claim(sender, hello)));
        return new ReplicationWelcome([]);
    }

    public async Task<RestorePlan> OfferAsync(PairedAppliance sender, ReplicationHello hello, ReplicationOffer offer, CancellationToken ct)
    {
        var (restore, pool) = log.Refusing(sender, () =>
        {
            var claimed = restores.Claim(sender, hello);
            return (claimed, Target(claimed));
        });
        if (!await _one.WaitAsync(0, ct).ConfigureAwait(false))
        {
            throw new ReplicationRefusedException("Another failback is being received here; try again when it is done.", transient: true);
        }

        try
        {
            if (offer.ParentUuid is not null)
            {
                throw new ReplicationRefusedException("A restore is a full send; this offer names a parent.");
            }

            await poolService.RequireMountedAsync(pool.Name, ct).ConfigureAwait(false);
            await confined.CheckOfferAsync(layout.PoolMountPoint(pool.Name), offer, parent: null, ct).ConfigureAwait(false);
            restores.Use(restore, offer);
            var folder = layout.FailbackDirectory(pool.Name, sender.Id);
            await confined.ClearAsync(folder).ConfigureAwait(false);
            files.CreateDirectory(folder);
            var task = tasks.List().FirstOrDefault(t => t.Share == restore.SourceShare && t.TargetApplianceId == sender.Id);
            var attempt = log.Begin(
                task?.Id ?? 0,
                offer.Snapshot,
                restore.Rollback ? $"Failback from {sender.Hostname}: roll '{restore.SourceShare}' back to this snapshot"
                : restore.RestoresPaths ? $"Failback from {sender.Hostname}: {restore.Paths!.Count} path(s) back into '{restore.SourceShare}'"
                : $"Failback from {sender.Hostname} as share '{restore.NewShare}'");
            var plan = new RestorePlan(sender, hello, restore, pool.Name, folder, task?.Id, attempt, offer);
            Record(plan);
            return plan;
        }
        catch (Exception e)
        {
            // Whatever stopped the offer (a refusal, the connection dropping, the disk), the next failback may come.
            _one.Release();
            if (restore.UsedAt is not null)
            {
                restores.Finish(restore, RestoreState.Failed, e.Message);
            }

            if (e is RockstorException refused)
            {
                throw log.Refuse(sender, refused);
            }

            throw;
        }
    }

    public async Task<ReplicationVerdict> ReceiveAsync(RestorePlan plan, ReceivedStream stream, CancellationToken ct)
    {
        var attempt = plan.Attempt;
        var restore = plan.Restore;
        var received = Path.Combine(plan.Folder, plan.Offer.Snapshot);
        try
        {
            await confined.ReceiveAsync(plan.Folder, stream, plan.Offer, parent: null, ct).ConfigureAwait(false);
            AttemptLog.RequireFaithful(stream, "nothing was made of it");

            if (restore.RestoresPaths)
            {
                // Kept as a snapshot of the share (to browse later), then only the chosen paths go back.
                var snapshot = await snapshotService.SnapshotFromAsync(restore.SourceShare, received, "failback-", ct).ConfigureAwait(false);
                var result = await fileRestores.RestoreAsync(restore.SourceShare, snapshot.Name, restore.Paths, restore.PathsMode, ct).ConfigureAwait(false);
                var where = string.Join(", ", result.Restored.Take(3).Select(r => r.To == r.From ? $"'{r.To}'" : $"'{r.From}' as '{r.To}'"));
                attempt.Note += $"; done: the snapshot is kept as '{snapshot.Name}'";
                restores.Finish(
                    restore,
                    RestoreState.Succeeded,
                    $"Restored {where}{(result.Restored.Count > 3 ? $" and {result.Restored.Count - 3} more" : "")} into '{restore.SourceShare}' from the snapshot kept as '{snapshot.Name}'"
                    + (result.KeptIn is { } kept ? $"; what they replaced is kept in snapshot '{kept}'." : "."));
            }
            else if (restore.Rollback)
            {
                var snapshot = await snapshotService.SnapshotFromAsync(restore.SourceShare, received, "failback-", ct).ConfigureAwait(false);
                var kept = await snapshotService.RollbackAsync(restore.SourceShare, snapshot.Name, ct).ConfigureAwait(false);
                attempt.Note += $"; done: it is kept as snapshot '{snapshot.Name}', the state before as '{kept.Name}'";
                restores.Finish(restore, RestoreState.Succeeded, $"'{restore.SourceShare}' rolled back; its state before is snapshot '{kept.Name}'.");
            }
            else
            {
                await snapshotService.ShareFromAsync(plan.Pool, received, restore.NewShare!, ct).ConfigureAwait(false);
                restores.Finish(restore, RestoreState.Succeeded, $"Restored as share '{restore.NewShare}'.");
            }

            attempt.Status = AttemptStatus.Succeeded;
            return new ReplicationVerdict(true, null, stream.Received, stream.StreamReceived);
        }
#pragma warning disable CA1031 // Whatever ended the failback, nothing half-made stays and the reason goes back.
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Status = AttemptStatus.Failed;
            attempt.Error = e is RockstorException ? e.Message : $"The stream was cut: {e.Message}";
            restores.Finish(restore, RestoreState.Failed, attempt.Error);
            if (e is UnsafeSendStreamException)
            {
                log.Refused(plan.Sender, e.Message);
            }

            return new ReplicationVerdict(false, attempt.Error, stream.Received, stream.StreamReceived);
        }
        finally
        {
            // The next failback may come whatever happens here (the staging folder is cleared again at start).
            try
            {
                await confined.ClearAsync(plan.Folder).ConfigureAwait(false);
                AttemptLog.Count(attempt, stream);
                log.Close(attempt, attempt.Status, attempt.Error);
                Record(plan);
            }
            finally
            {
                _one.Release();
            }
        }
    }

    public void Abandon(RestorePlan plan, string reason)
    {
        log.Close(plan.Attempt, AttemptStatus.Failed, $"The connection broke before any data: {reason}");
        restores.Finish(plan.Restore, RestoreState.Failed, plan.Attempt.Error);
        Record(plan);
        _one.Release();
    }

    /// <summary>The pool the snapshot lands in: the share's own for a rollback, the asked one for a new share; checked again now.</summary>
    private Pool Target(PendingRestore restore)
    {
        if (restore.Rollback || restore.RestoresPaths)
        {
            var share = shares.Find(restore.SourceShare);
            if (share is null || share.Kind != ShareKind.Regular)
            {
                throw new ReplicationRefusedException($"There is no share '{restore.SourceShare}' here to roll back any more.");
            }

            return pools.Find(share.Pool) ?? throw new ReplicationRefusedException($"The pool of share '{share.Name}' is gone.");
        }

        if (shares.Find(restore.NewShare!) is not null)
        {
            throw new ReplicationRefusedException($"A share named '{Echo.Of(restore.NewShare)}' already exists here; choose another name.");
        }

        return pools.Find(restore.TargetPool ?? "") ?? throw new ReplicationRefusedException($"Pool '{restore.TargetPool}' does not exist here any more.");
    }

    /// <summary>Records the failback in the trail of the task that replicates the share to its sender, when there is one.</summary>
    private void Record(RestorePlan plan)
    {
        if (plan.TaskId is not null)
        {
            log.Save(TrailSide.Send, plan.Attempt);
        }
    }
}
