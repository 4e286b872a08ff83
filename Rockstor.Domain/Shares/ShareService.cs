using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Shares;

public sealed class ShareService(
    IShareRepository shares,
    ISnapshotRepository snapshots,
    PoolService pools,
    SnapshotReconciler reconciler,
    IBtrfs btrfs,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    AccountLock accountLock,
    ShareSettings settings,
    IEnumerable<IExportReferences> exports,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ShareView>> ListAsync(CancellationToken ct)
    {
        var views = new List<ShareView>();
        foreach (var byPool in shares.List().GroupBy(s => s.Pool))
        {
            var used = await UsageByPathAsync(byPool.Key, ct).ConfigureAwait(false);
            views.AddRange(byPool.Select(share => new ShareView(
                share,
                layout.SharePath(share.Pool, share.Name),
                used.GetValueOrDefault(share.Name))));
        }

        return views.OrderBy(v => v.Share.Name, StringComparer.Ordinal).ToList();
    }

    public Task<ShareView> GetAsync(string name, CancellationToken ct) => ViewAsync(Require(name), ct);

    /// <summary>The shares' names in order, from the store alone (for choosing or filtering).</summary>
    public IReadOnlyList<string> Names() => shares.List().Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    public Share Require(string name) =>
        shares.Find(name) ?? throw new NotFoundException($"There is no share named '{Echo.Of(name)}'.");

    public async Task<ShareView> CreateAsync(string poolName, string name, CancellationToken ct)
    {
        ResourceName.Validate(name, "share");
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await pools.RequireMountedAsync(poolName, ct).ConfigureAwait(false);
        return await AddAsync(pool.Name, name, btrfs.CreateSubvolumeAsync, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes a new share with <paramref name="make"/> (a new subvolume, or a writable snapshot for a
    /// clone) and records it; the subvolume is removed again when recording fails. The caller holds the
    /// <see cref="StorageLock"/> and has checked the pool is mounted.
    /// </summary>
    internal async Task<ShareView> AddAsync(
        string pool,
        string name,
        Func<string, CancellationToken, Task<Subvolume>> make,
        CancellationToken ct)
    {
        if (shares.Find(name) is not null)
        {
            throw new ConflictException($"A share named '{name}' already exists.");
        }

        var path = layout.SharePath(pool, name);
        if (files.Exists(path))
        {
            throw new ConflictException($"{path} already exists on pool '{pool}'.");
        }

        var subvolume = await make(path, ct).ConfigureAwait(false);
        var share = new Share { Name = name, Pool = pool, Uuid = subvolume.Uuid, CreatedAt = time.GetUtcNow() };
        try
        {
            settings.ApplyOwnership(share, path); // a clone's folder has its snapshot's owner and mode
            shares.Add(share);
        }
        catch
        {
            await btrfs.DeleteSubvolumeAsync(path, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return new ShareView(share, path, 0);
    }

    /// <summary>
    /// Deletes the share. While it has snapshots this is refused unless <paramref name="deleteSnapshots"/>
    /// confirms that they go too.
    /// </summary>
    public async Task DeleteAsync(string name, bool deleteSnapshots, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = Require(name);
        var offered = exports.Select(e => e.OfferedOver(name)).OfType<string>().ToList();
        if (offered.Count > 0)
        {
            throw new ConflictException(
                $"Share '{name}' is offered over {string.Join(" and ", offered)}; stop offering it there (its {string.Join(" and ", offered)} settings on the Shares screen) before deleting it.");
        }

        var pool = await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);
        await reconciler.ReconcileAsync(pool, ct).ConfigureAwait(false);
        var own = snapshots.ListForShare(name);
        var locked = own.Where(s => s.Locked).Select(s => s.Name).ToList();
        if (locked.Count > 0)
        {
            throw new ConflictException($"Share '{name}' has locked snapshot(s) ({string.Join(", ", locked.Take(5))}{(locked.Count > 5 ? ", …" : "")}); unlock them before deleting the share.");
        }

        if (own.Count > 0 && !deleteSnapshots)
        {
            throw new ConflictException(
                $"Share '{name}' has {own.Count} snapshot(s). Delete them first, or confirm deleting them with the share.");
        }

        foreach (var snapshot in own)
        {
            await btrfs.DeleteSubvolumeAsync(snapshot.Path, ct).ConfigureAwait(false);
            snapshots.Remove(snapshot.Share, snapshot.Name);
        }

        files.RemoveEmptyDirectory(layout.ShareSnapshotsDirectory(share.Pool, name));
        var path = layout.SharePath(share.Pool, name);
        if (files.Exists(path))
        {
            await btrfs.DeleteSubvolumeAsync(path, ct).ConfigureAwait(false);
        }

        shares.Remove(name);
        foreach (var export in exports)
        {
            await export.ForgetShareAsync(name, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Changes a share's owner, group, mode, size limit or compression, on its folder and in the store.</summary>
    public async Task<ShareView> ChangeAsync(string name, ShareChange change, CancellationToken ct)
    {
        var mode = change.Mode is null ? null : ShareAccess.Mode(change.Mode);
        var limit = change.SizeLimitGiB is { } gib ? ShareAccess.SizeLimitBytes(gib) : (long?)null;
        var compression = change.Compression is null ? (ShareCompression?)null : ShareAccess.Compression(change.Compression);
        using var accountsHeld = await accountLock.AcquireAsync(ct).ConfigureAwait(false);
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var share = Require(name);
        if (share.Kind == ShareKind.Replica)
        {
            throw new ConflictException(
                $"'{share.Name}' is a replica: its files, owners and permissions are the sender's. Clone one of its snapshots to get a share you can change.");
        }

        await pools.RequireMountedAsync(share.Pool, ct).ConfigureAwait(false);
        var changed = share with
        {
            Owner = change.Owner ?? share.Owner,
            Group = change.Group ?? share.Group,
            Mode = mode ?? share.Mode,
            SizeLimitBytes = limit ?? share.SizeLimitBytes,
            Compression = compression ?? share.Compression,
        };
        var path = layout.SharePath(share.Pool, share.Name);
        await ReplaceAsync(share, changed, path, ct).ConfigureAwait(false);
        if (changed.Owner != share.Owner || changed.Group != share.Group)
        {
            foreach (var export in exports)
            {
                await export.ShareChangedAsync(share.Name, ct).ConfigureAwait(false);
            }
        }

        return await ViewAsync(changed, ct).ConfigureAwait(false);
    }

    /// <summary>How the share is offered through a mount of its subvolume (NFS, SFTP): see <see cref="IExportReferences.ServesThroughMounts"/>.</summary>
    internal IReadOnlyList<string> OfferedThroughMounts(string share) =>
        exports.Where(e => e.ServesThroughMounts).Select(e => e.OfferedOver(share)).OfType<string>().ToList();

    /// <summary>Puts the share's recorded settings on its subvolume again (after a rollback replaced it).</summary>
    internal Task ReapplySettingsAsync(Share share, CancellationToken ct) =>
        settings.ApplyAsync(share, layout.SharePath(share.Pool, share.Name), before: null, ct);

    /// <summary>The shares the user owns.</summary>
    public IReadOnlyList<string> OwnedBy(string user) =>
        shares.List().Where(s => s.Owner == user).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The shares whose group this is.</summary>
    public IReadOnlyList<string> InGroup(string group) =>
        shares.List().Where(s => s.Group == group).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>Gives every share of <paramref name="from"/> to <paramref name="to"/>; the caller holds the <see cref="AccountLock"/>.</summary>
    internal async Task GiveSharesAsync(string from, string to, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        foreach (var share in shares.List().Where(s => s.Owner == from).ToList())
        {
            var path = layout.SharePath(share.Pool, share.Name);
            await ReplaceAsync(share, share with { Owner = to }, path, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Puts the changed settings on the folder and then in the store; the old ones go back on the folder when either fails.</summary>
    private async Task ReplaceAsync(Share share, Share changed, string path, CancellationToken ct)
    {
        settings.Check(changed);
        try
        {
            await settings.ApplyAsync(changed, path, share, ct).ConfigureAwait(false);
            shares.Update(changed);
        }
        catch
        {
            try
            {
                await settings.ApplyAsync(share, path, changed, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Putting the old settings back must not hide the error that made it necessary.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }
    }

    private async Task<ShareView> ViewAsync(Share share, CancellationToken ct)
    {
        var used = await UsageByPathAsync(share.Pool, ct).ConfigureAwait(false);
        return new ShareView(share, layout.SharePath(share.Pool, share.Name), used.GetValueOrDefault(share.Name));
    }

    private async Task<Dictionary<string, long>> UsageByPathAsync(string poolName, CancellationToken ct)
    {
        var pool = pools.Require(poolName);
        if (!await pools.IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            return [];
        }

        var mountPoint = layout.PoolMountPoint(poolName);
        var sizes = await btrfs.GetQgroupSizesAsync(mountPoint, ct).ConfigureAwait(false);
        var subvolumes = await btrfs.ListSubvolumesAsync(mountPoint, ct).ConfigureAwait(false);
        return subvolumes
            .Where(s => !s.RelativePath.Contains('/', StringComparison.Ordinal))
            .ToDictionary(s => s.RelativePath, s => sizes.GetValueOrDefault(s.Id)?.Referenced ?? 0, StringComparer.Ordinal);
    }
}
