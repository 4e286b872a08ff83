using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The bases a first incremental from a promoted replica may build on (a reverse, a switch back; ADR-033):
/// snapshots of this appliance's own shares that a task of its own already sent to that sender, so the
/// sender holds their data. A base is copied into the replica's folder and marked as received from the
/// original, so that the confined btrfs receive finds it there. Nothing else of this appliance is offered.
/// </summary>
public sealed class ReplicaBases(
    IReplicationTaskRepository tasks,
    ISnapshotRepository snapshots,
    IBtrfs btrfs,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    AttemptLog log)
{
    /// <summary>The most base uuids a hello may name (a promoted replica's received snapshots).</summary>
    private const int MostAsked = 200;

    /// <summary>Of the uuids the sender names, those this appliance holds as such bases in the pool.</summary>
    public IReadOnlyList<string>? Held(PairedAppliance sender, string pool, IReadOnlyList<string>? asked) =>
        asked is { Count: > 0 }
            ? Own(sender, pool).Select(b => b.Uuid).Where(uuid => asked.Take(MostAsked).Contains(uuid, StringComparer.OrdinalIgnoreCase)).ToList()
            : null;

    /// <summary>
    /// A copy in the replica's folder of the base with that uuid (the replica share exists already), named
    /// as a snapshot of the sending task at the base's time, so the replica's retention treats it as one and
    /// it sorts before what is built on it. Null when no such base is held here.
    /// </summary>
    public async Task<Snapshot?> SeedAsync(PairedAppliance sender, Pool pool, IncomingReplica replica, Attempt attempt, string uuid, string offered, CancellationToken ct)
    {
        var own = Own(sender, pool.Name).FirstOrDefault(s => string.Equals(s.Uuid, uuid, StringComparison.OrdinalIgnoreCase));
        if (own is null)
        {
            return null;
        }

        // A millisecond earlier while that name is taken (or is the offered snapshot's own).
        var at = own.CreatedAt;
        string name, path;
        while (files.Exists(path = layout.SnapshotPath(pool.Name, replica.ReplicaShare, name = ReplicationNames.Snapshot(replica.SenderTaskId, at)))
            || name == offered)
        {
            at -= TimeSpan.FromMilliseconds(1);
        }

        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        files.CreateDirectory(layout.ShareSnapshotsDirectory(pool.Name, replica.ReplicaShare));
        var copy = await btrfs.CreateReceivedCopyAsync(own.Path, path, ct).ConfigureAwait(false);
        var seeded = SnapshotReconciler.FromSubvolume(pool.Name, replica.ReplicaShare, name, path, copy, at);
        snapshots.Upsert(seeded);
        attempt.Note = $"Built on this appliance's own snapshot {own.Share}/{own.Name}, which the sender holds a copy of (kept here as {name}).";
        return seeded;
    }

    /// <summary>
    /// Read-only snapshots of this appliance's shares in the pool, each taken by a task that sends to the
    /// sender and no newer than that task's last run that got through (so the sender received it, or one
    /// after it): the sender holds their data already.
    /// </summary>
    private IEnumerable<Snapshot> Own(PairedAppliance sender, string pool) =>
        from task in tasks.List()
        where task.TargetApplianceId == sender.Id
        let sent = log.LastSucceeded(TrailSide.Send, task.Id)?.Snapshot
        where sent is not null
        from snapshot in snapshots.ListForShare(task.Share)
        where snapshot.Pool == pool && snapshot.ReadOnly && snapshot.ReceivedUuid is null
            && ReplicationNames.IsOfTask(snapshot.Name, task.Id) && string.CompareOrdinal(snapshot.Name, sent) <= 0
        select snapshot;
}
