using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Snapshots;

/// <summary>
/// Makes the store agree with what btrfs has on disk for one pool: snapshots that appeared are added,
/// those removed behind the appliance's back are dropped, flags that changed are updated, and a share
/// whose subvolume is gone is forgotten. The caller holds the <see cref="StorageLock"/>.
/// </summary>
public sealed class SnapshotReconciler(
    IShareRepository shares,
    ISnapshotRepository snapshots,
    IBtrfs btrfs,
    StorageLayout layout,
    TimeProvider time)
{
    public async Task ReconcileAsync(Pool pool, CancellationToken ct)
    {
        var mountPoint = layout.PoolMountPoint(pool.Name);
        var onDisk = await btrfs.ListSubvolumesAsync(mountPoint, ct).ConfigureAwait(false);

        var topLevel = onDisk
            .Where(s => !s.RelativePath.Contains('/', StringComparison.Ordinal))
            .Select(s => s.RelativePath)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var share in shares.ListInPool(pool.Name).Where(s => s.Kind == ShareKind.Regular && !topLevel.Contains(s.Name)))
        {
            shares.Remove(share.Name);
        }

        var replicaShares = shares.ListInPool(pool.Name).Where(s => s.Kind == ShareKind.Replica).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var stored = snapshots.ListInPool(pool.Name).ToDictionary(s => s.Key, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var upserts = new List<Snapshot>();
        foreach (var subvolume in onDisk)
        {
            if (StorageLayout.ParseSnapshotPath(subvolume.RelativePath) is not var (share, name)
                || !ResourceName.IsSafe(share) || !ResourceName.IsSafe(name)
                || (replicaShares.Contains(share) && !(subvolume.ReadOnly && subvolume.ReceivedUuid is not null)))
            {
                continue; // not ours, or a receive still in progress (it becomes a snapshot once checked)
            }

            var key = Snapshot.KeyOf(share, name);
            seen.Add(key);
            if (stored.TryGetValue(key, out var known) && string.Equals(known.Uuid, subvolume.Uuid, StringComparison.OrdinalIgnoreCase))
            {
                if (known.ReadOnly != subvolume.ReadOnly || known.ReceivedUuid != subvolume.ReceivedUuid || known.SubvolumeId != subvolume.Id)
                {
                    known.ReadOnly = subvolume.ReadOnly;
                    known.ReceivedUuid = subvolume.ReceivedUuid;
                    known.SubvolumeId = subvolume.Id;
                    upserts.Add(known);
                }

                continue;
            }

            var path = layout.SnapshotPath(pool.Name, share, name);
            var createdAt = subvolume.CreatedAt
                ?? (await btrfs.ShowSubvolumeAsync(path, ct).ConfigureAwait(false)).CreatedAt
                ?? time.GetUtcNow();
            upserts.Add(FromSubvolume(pool.Name, share, name, path, subvolume, createdAt));
        }

        var removals = stored.Values.Where(s => !seen.Contains(s.Key)).ToList();
        if (upserts.Count > 0 || removals.Count > 0)
        {
            snapshots.Apply(upserts, removals);
        }
    }

    public static Snapshot FromSubvolume(string pool, string share, string name, string path, Subvolume subvolume, DateTimeOffset createdAt, int? scheduleId = null) => new()
    {
        Pool = pool,
        Share = share,
        Name = name,
        Path = path,
        ReadOnly = subvolume.ReadOnly,
        CreatedAt = createdAt,
        Uuid = subvolume.Uuid,
        ParentUuid = subvolume.ParentUuid,
        ReceivedUuid = subvolume.ReceivedUuid,
        ScheduleId = scheduleId,
        SubvolumeId = subvolume.Id,
    };
}
