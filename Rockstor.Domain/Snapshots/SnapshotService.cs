using System.Globalization;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Snapshots;

public sealed class SnapshotService(
    ISnapshotRepository snapshots,
    IShareRepository shares,
    IPoolRepository poolStore,
    PoolService pools,
    ShareService shareService,
    SnapshotReconciler reconciler,
    IBtrfs btrfs,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    Appliances.IAdminCredentials credentials,
    TimeProvider time)
{
    /// <summary>Brings the store in line with every mounted pool, then answers the query from the store.</summary>
    public async Task<SnapshotPage> ListAsync(SnapshotQuery query, CancellationToken ct)
    {
        await ReconcileAsync(ct).ConfigureAwait(false);
        return snapshots.Query(query);
    }

    /// <summary>Answers from the store alone (for paging through a list that was just reconciled).</summary>
    public SnapshotPage Query(SnapshotQuery query) => snapshots.Query(query);

    public async Task ReconcileAsync(CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        foreach (var pool in poolStore.List())
        {
            if (await pools.IsMountedAsync(pool, ct).ConfigureAwait(false))
            {
                await reconciler.ReconcileAsync(pool, ct).ConfigureAwait(false);
            }
        }
    }

    public Snapshot Require(string share, string name) =>
        snapshots.Find(share, name) ?? throw new NotFoundException($"Share '{Echo.Of(share)}' has no snapshot named '{Echo.Of(name)}'.");

    public async Task<Snapshot> CreateAsync(string shareName, string name, bool writable, CancellationToken ct)
    {
        ResourceName.Validate(name, "snapshot");
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = RequireShare(shareName);
        RequireRegular(share);
        await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);
        return await SnapshotAsync(share, name, readOnly: !writable, ct).ConfigureAwait(false);
    }

    /// <summary>A snapshot a schedule takes: named by its prefix and the time ("daily_20261130-120000"), marked as the schedule's.</summary>
    public async Task<Snapshot> TakeScheduledAsync(string shareName, string prefix, bool writable, int scheduleId, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = RequireShare(shareName);
        RequireRegular(share);
        await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);
        return await SnapshotAsync(share, FreeName(share.Name, prefix + "_"), readOnly: !writable, ct, scheduleId: scheduleId).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string shareName, string name, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var snapshot = Require(shareName, name);
        RequireUnlocked(snapshot);
        await pools.RequireMountedAsync(snapshot.Pool, ct).ConfigureAwait(false);
        if (files.Exists(snapshot.Path))
        {
            await btrfs.DeleteSubvolumeAsync(snapshot.Path, ct).ConfigureAwait(false);
        }

        snapshots.Remove(shareName, name);
    }

    /// <summary>Wrong passwords allowed a minute, from the API and the screens together: guessing the admin's password here soon waits.</summary>
    private const int WrongUnlocksPerMinute = 5;

    private readonly Queue<DateTimeOffset> _wrongUnlocks = new();

    /// <summary>Locks the snapshot against every deletion until <see cref="UnlockAsync"/>.</summary>
    public async Task<Snapshot> LockAsync(string shareName, string name, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var snapshot = Require(shareName, name);
        snapshot.Locked = true;
        snapshots.Upsert(snapshot);
        return snapshot;
    }

    /// <summary>Unlocks the snapshot; the admin gives the password again, so a session left open does not suffice.</summary>
    public async Task<Snapshot> UnlockAsync(string shareName, string name, string? admin, string? password, CancellationToken ct)
    {
        lock (_wrongUnlocks)
        {
            var now = time.GetUtcNow();
            while (_wrongUnlocks.TryPeek(out var at) && now - at > TimeSpan.FromMinutes(1))
            {
                _wrongUnlocks.Dequeue();
            }

            if (_wrongUnlocks.Count >= WrongUnlocksPerMinute)
            {
                throw new ValidationException("Too many wrong passwords; wait a minute and try again. The snapshot stays locked.");
            }

            if (!credentials.AreValid(admin, password))
            {
                _wrongUnlocks.Enqueue(now);
                throw new ValidationException("That is not the admin's password: the snapshot stays locked.");
            }
        }

        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var snapshot = Require(shareName, name);
        snapshot.Locked = false;
        snapshots.Upsert(snapshot);
        return snapshot;
    }

    /// <summary>Refuses to delete a locked snapshot, naming it.</summary>
    internal static void RequireUnlocked(Snapshot snapshot)
    {
        if (snapshot.Locked)
        {
            throw new ConflictException($"Snapshot '{snapshot.Share}/{snapshot.Name}' is locked; unlock it first (with the admin password).");
        }
    }

    /// <summary>Makes a new writable share from the snapshot, in the same pool.</summary>
    public async Task<ShareView> CloneAsync(string shareName, string name, string newShare, CancellationToken ct)
    {
        ResourceName.Validate(newShare, "share");
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var snapshot = Require(shareName, name);
        await pools.RequireMountedAsync(snapshot.Pool, ct).ConfigureAwait(false);
        return await shareService.AddAsync(
                snapshot.Pool,
                newShare,
                (path, token) => btrfs.CreateSnapshotAsync(snapshot.Path, path, readOnly: false, token),
                ct)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Makes a new writable share in <paramref name="pool"/> from a read-only subvolume outside the shares
    /// (a snapshot a replica sent back), as a clone does.
    /// </summary>
    public async Task<ShareView> ShareFromAsync(string pool, string subvolume, string newShare, CancellationToken ct)
    {
        ResourceName.Validate(newShare, "share");
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        await pools.RequireMountedAsync(pool, ct).ConfigureAwait(false);
        return await shareService.AddAsync(pool, newShare, (path, token) => btrfs.CreateSnapshotAsync(subvolume, path, readOnly: false, token), ct)
            .ConfigureAwait(false);
    }

    /// <summary>A read-only snapshot of the share as it is now, named <paramref name="prefix"/> and the time (what a restore keeps first).</summary>
    public async Task<Snapshot> KeepAsync(string shareName, string prefix, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = RequireShare(shareName);
        RequireRegular(share);
        await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);
        return await SnapshotAsync(share, FreeName(share.Name, prefix), readOnly: true, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps a read-only snapshot of a subvolume outside the shares (a snapshot a replica sent back) as a
    /// snapshot of the share, named <paramref name="prefix"/> and the time; returns it.
    /// </summary>
    public async Task<Snapshot> SnapshotFromAsync(string shareName, string subvolume, string prefix, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = RequireShare(shareName);
        RequireRegular(share);
        await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);
        return await SnapshotAsync(share, FreeName(share.Name, prefix), readOnly: true, ct, subvolume).ConfigureAwait(false);
    }

    /// <summary>
    /// Rolls the share back to the snapshot. The share's current state is first kept as a read-only
    /// snapshot, whose name is returned, so a rollback never loses data.
    /// </summary>
    public async Task<Snapshot> RollbackAsync(string shareName, string name, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = RequireShare(shareName);
        RequireRegular(share);
        var snapshot = Require(shareName, name);
        if (shareService.OfferedThroughMounts(share.Name) is { Count: > 0 } offered)
        {
            throw new ConflictException(
                $"Share '{share.Name}' is offered over {string.Join(" and ", offered)}, which keeps its current folder open. Stop offering it there, roll it back, then offer it again.");
        }

        await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);

        var kept = await SnapshotAsync(share, FreeName(share.Name, "before-rollback-"), readOnly: true, ct).ConfigureAwait(false);

        var sharePath = layout.SharePath(share.Pool, share.Name);
        var staged = Path.Combine(layout.PoolMountPoint(share.Pool), $".rollback-new-{share.Name}");
        var retired = Path.Combine(layout.PoolMountPoint(share.Pool), $".rollback-old-{share.Name}");
        var replacement = await btrfs.CreateSnapshotAsync(snapshot.Path, staged, readOnly: false, ct).ConfigureAwait(false);
        try
        {
            files.Move(sharePath, retired);
        }
        catch
        {
            await btrfs.DeleteSubvolumeAsync(staged, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        try
        {
            files.Move(staged, sharePath);
        }
        catch
        {
            files.Move(retired, sharePath);
            await btrfs.DeleteSubvolumeAsync(staged, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        shares.Remove(share.Name);
        var rolledBack = share with { Uuid = replacement.Uuid };
        shares.Add(rolledBack);
        await btrfs.DeleteSubvolumeAsync(retired, ct).ConfigureAwait(false);
        await shareService.ReapplySettingsAsync(rolledBack, ct).ConfigureAwait(false); // a new subvolume: no limit until it is set again
        return kept;
    }

    private static void RequireRegular(Share share)
    {
        if (share.Kind == ShareKind.Replica)
        {
            throw new ConflictException(
                $"'{share.Name}' is a replica: its snapshots come from replication. Clone one of them to get a share you can change.");
        }
    }

    private Share RequireShare(string name) =>
        shares.Find(name) ?? throw new NotFoundException($"There is no share named '{Echo.Of(name)}'.");

    /// <summary>A snapshot of the share (or of <paramref name="source"/>, when given) in the share's snapshot folder, recorded.</summary>
    private async Task<Snapshot> SnapshotAsync(Share share, string name, bool readOnly, CancellationToken ct, string? source = null, int? scheduleId = null)
    {
        if (snapshots.Find(share.Name, name) is not null)
        {
            throw new ConflictException($"Share '{share.Name}' already has a snapshot named '{name}'.");
        }

        var path = layout.SnapshotPath(share.Pool, share.Name, name);
        if (files.Exists(path))
        {
            throw new ConflictException($"{path} already exists.");
        }

        files.CreateDirectory(layout.ShareSnapshotsDirectory(share.Pool, share.Name));
        var subvolume = await btrfs.CreateSnapshotAsync(source ?? layout.SharePath(share.Pool, share.Name), path, readOnly, ct).ConfigureAwait(false);
        var snapshot = SnapshotReconciler.FromSubvolume(share.Pool, share.Name, name, path, subvolume, subvolume.CreatedAt ?? time.GetUtcNow(), scheduleId);
        try
        {
            snapshots.Upsert(snapshot);
        }
        catch
        {
            await btrfs.DeleteSubvolumeAsync(path, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return snapshot;
    }

    private string FreeName(string share, string prefix)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = prefix + stamp;
        for (var i = 2; snapshots.Find(share, name) is not null; i++)
        {
            name = $"{prefix}{stamp}-{i}";
        }

        return name;
    }
}
