using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication;
/// <summary>
/// The one place for what a crash (or a kill) leaves of replication, settled once at start, before any
/// transfer can begin: attempts still "running" end as interrupted; receives cut part-way are deleted
/// (and one that finished but was not yet recorded is recorded); failbacks cut part-way are cleared from
/// their staging folders; spools of resumable transfers nobody came back for are deleted.
/// </summary>
public sealed class ReplicationRecovery(
    ITrailRepository trails,
    IIncomingReplicaRepository replicas,
    ISnapshotRepository snapshots,
    IPoolRepository pools,
    PoolService poolService,
    IBtrfs btrfs,
    ConfinedReceive confined,
    IStorageFiles files,
    IReceiveSpool spools,
    StorageLayout layout,
    TimeProvider time)
{
    private const string InterruptedReason = "Interrupted: the appliance stopped during this attempt.";

    public async Task<RecoveryReport> RecoverAsync(CancellationToken ct)
    {
        var interrupted = Enum.GetValues<TrailSide>().ToDictionary(side => side, side => trails.FailUnfinished(side, InterruptedReason, time.GetUtcNow()));
        await DiscardUnfinishedReceivesAsync(ct).ConfigureAwait(false);
        await DiscardUnfinishedFailbacksAsync(ct).ConfigureAwait(false);
        return new RecoveryReport(interrupted, await DeleteAbandonedSpoolsAsync(ct).ConfigureAwait(false));
    }

    /// <summary>A subvolume btrfs receive completed: it sets the received uuid and then the read-only flag.</summary>
    private static bool IsFinished(Subvolume subvolume) => subvolume.ReadOnly && subvolume.ReceivedUuid is not null;

    /// <summary>
    /// Deletes what receives cut by a crash left in replica shares' folders (subvolumes that btrfs receive
    /// did not finish: writable, or without a received uuid), and records a finished one the crash came
    /// before recording (it was checked by btrfs receive; without this the sender's next offer of it would
    /// be refused as a name already taken).
    /// </summary>
    public async Task DiscardUnfinishedReceivesAsync(CancellationToken ct)
    {
        foreach (var byPool in replicas.List().GroupBy(r => r.Pool))
        {
            if (pools.Find(byPool.Key) is not { } pool || !await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
            {
                continue;
            }

            var replicaShares = byPool.Select(r => r.ReplicaShare).ToHashSet(StringComparer.Ordinal);
            foreach (var share in replicaShares)
            {
                // A receive cut by a crash leaves its folder append-only (see IBtrfs.ReceiveAsync).
                var folder = layout.ShareSnapshotsDirectory(pool.Name, share);
                if (files.Exists(folder))
                {
                    await btrfs.ReleaseReceiveFolderAsync(folder, ct).ConfigureAwait(false);
                }
            }

            foreach (var subvolume in await btrfs.ListSubvolumesAsync(layout.PoolMountPoint(pool.Name), ct).ConfigureAwait(false))
            {
                if (StorageLayout.ParseSnapshotPath(subvolume.RelativePath) is not var (share, name) || !replicaShares.Contains(share))
                {
                    continue;
                }

                var path = layout.SnapshotPath(pool.Name, share, name);
                if (!IsFinished(subvolume))
                {
                    await btrfs.DeleteSubvolumeAsync(path, ct).ConfigureAwait(false);
                    snapshots.Remove(share, name);
                }
                else if (snapshots.Find(share, name) is null)
                {
                    snapshots.Upsert(SnapshotReconciler.FromSubvolume(pool.Name, share, name, path, subvolume, subvolume.CreatedAt ?? time.GetUtcNow()));
                }
            }
        }
    }

    /// <summary>Deletes what failbacks cut by a crash left in the pools' staging folders.</summary>
    private async Task DiscardUnfinishedFailbacksAsync(CancellationToken ct)
    {
        foreach (var pool in pools.List())
        {
            if (await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
            {
                foreach (var sender in files.Entries(Path.Combine(layout.PoolMountPoint(pool.Name), StorageLayout.FailbackFolder)))
                {
                    await confined.ClearAsync(sender).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Deletes, on every mounted pool, the spools of resumable transfers nobody came back for in
    /// <see cref="ReplicationRules.AbandonedSpoolAge"/> (a task deleted or a sender gone for good): they
    /// hold up to a whole send stream each. Returns "pool/folder" of each, for the log.
    /// </summary>
    private async Task<IReadOnlyList<string>> DeleteAbandonedSpoolsAsync(CancellationToken ct)
    {
        var deleted = new List<string>();
        foreach (var pool in pools.List())
        {
            if (await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
            {
                var root = Path.Combine(layout.PoolMountPoint(pool.Name), StorageLayout.SpoolFolder);
                deleted.AddRange(spools.DeleteAbandoned(root, ReplicationRules.AbandonedSpoolAge, time.GetUtcNow()).Select(folder => $"{pool.Name}/{folder}"));
            }
        }

        return deleted;
    }
}
