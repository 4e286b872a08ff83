using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

public sealed class PoolService(
    IPoolRepository pools,
    IShareRepository shares,
    ISnapshotRepository snapshots,
    IBtrfs btrfs,
    IBlockDevices devices,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    IEnumerable<Shares.IExportReferences> exports,
    Operations.IPoolOperationRepository operations,
    TimeProvider time)
{
    public const int MaxImageSizeGiB = 16 * 1024;

    public async Task<IReadOnlyList<PoolView>> ListAsync(CancellationToken ct)
    {
        var views = new List<PoolView>();
        foreach (var pool in pools.List())
        {
            views.Add(await ViewAsync(pool, ct).ConfigureAwait(false));
        }

        return views;
    }

    public async Task<PoolView> GetAsync(string name, CancellationToken ct) =>
        await ViewAsync(Require(name), ct).ConfigureAwait(false);

    /// <summary>The pools' names, from the store alone (for choosing one).</summary>
    public IReadOnlyList<string> Names() => pools.List().Select(p => p.Name).ToList();

    public Pool Require(string name) =>
        pools.Find(name) ?? throw new NotFoundException($"There is no pool named '{Echo.Of(name)}'.");

    /// <summary>Whether the pool's filesystem is the one mounted at its mount point.</summary>
    public async Task<bool> IsMountedAsync(Pool pool, CancellationToken ct) =>
        string.Equals(
            await btrfs.GetMountedFilesystemUuidAsync(layout.PoolMountPoint(pool.Name), ct).ConfigureAwait(false),
            pool.Uuid,
            StringComparison.OrdinalIgnoreCase);

    public async Task<Pool> RequireMountedAsync(string name, CancellationToken ct)
    {
        var pool = Require(name);
        if (!await IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            throw new ConflictException($"Pool '{name}' is not mounted at {layout.PoolMountPoint(name)}.");
        }

        return pool;
    }

    public async Task<PoolView> CreateAsync(CreateDiskPool request, CancellationToken ct)
    {
        var name = ResourceName.Validate(request.Name, "pool");
        var wanted = request.Devices?.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).ToList() ?? [];
        if (wanted.Count == 0)
        {
            throw new ValidationException("Choose at least one disk for the pool.");
        }

        if (wanted.Distinct(StringComparer.Ordinal).Count() != wanted.Count)
        {
            throw new ValidationException("A disk is listed more than once.");
        }

        RaidLevels.ValidateDeviceCount(request.RaidLevel, wanted.Count);

        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        EnsureNameFree(name);

        var disks = (await devices.ListDisksAsync(ct).ConfigureAwait(false)).ToDictionary(d => d.Path, StringComparer.Ordinal);
        foreach (var device in wanted)
        {
            if (!disks.TryGetValue(device, out var disk))
            {
                throw new ValidationException($"'{Echo.Of(device)}' is not a disk on this appliance.");
            }

            if (!disk.Usable)
            {
                throw new ValidationException($"{device} cannot be used: {disk.Unusable}.");
            }
        }

        var undo = new Undo();
        try
        {
            undo.Add(async () =>
            {
                foreach (var device in wanted)
                {
                    await devices.WipeAsync(device, CancellationToken.None).ConfigureAwait(false);
                }
            });
            var uuid = await btrfs.MakeFilesystemAsync(name, request.RaidLevel, wanted, ct).ConfigureAwait(false);
            var pool = new Pool
            {
                Name = name,
                RaidLevel = request.RaidLevel,
                Devices = wanted,
                Uuid = uuid,
                CreatedAt = time.GetUtcNow(),
                Removable = request.Removable,
            };
            await MountNewAsync(pool, wanted, undo, ct).ConfigureAwait(false);
            pools.Add(pool);
        }
        catch
        {
            await undo.RunAsync().ConfigureAwait(false);
            throw;
        }

        if (request.Removable)
        {
            // Made (with quotas on) and recorded: it can be pulled now, and is mounted again when a task
            // writes to it. Nothing is undone if this fails: the pool stays mounted until ejected.
            try
            {
                await devices.UnmountAsync(layout.PoolMountPoint(name), CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageCommandException)
            {
                // Shown as mounted on the Pools screen, with its Eject button.
            }
        }

        return await ViewAsync(pools.Find(name)!, CancellationToken.None).ConfigureAwait(false);
    }

    public const int MaxImageCount = 8;

    public async Task<PoolView> CreateAsync(CreateImagePool request, CancellationToken ct)
    {
        var name = ResourceName.Validate(request.Name, "pool");
        if (request.ImageSizeGiB is < 1 or > MaxImageSizeGiB)
        {
            throw new ValidationException($"The image size must be between 1 and {MaxImageSizeGiB} GiB.");
        }

        if (request.ImageCount is < 1 or > MaxImageCount)
        {
            throw new ValidationException($"A pool on image files has 1 to {MaxImageCount} of them.");
        }

        RaidLevels.ValidateDeviceCount(request.RaidLevel, request.ImageCount);
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        EnsureNameFree(name);
        var images = Enumerable.Range(0, request.ImageCount).Select(i => layout.ImageFile(name, i)).ToList();
        if (images.FirstOrDefault(files.Exists) is { } existing)
        {
            throw new ConflictException($"The image file {existing} already exists; remove it or choose another name.");
        }

        var undo = new Undo();
        try
        {
            files.CreateDirectory(layout.ImagesDirectory);
            var loops = new List<string>();
            foreach (var image in images)
            {
                await devices.CreateImageFileAsync(image, request.ImageSizeGiB * 1024L * 1024 * 1024, ct).ConfigureAwait(false);
                undo.Add(() => files.DeleteFile(image));
                loops.Add(await devices.AttachLoopAsync(image, ct).ConfigureAwait(false));
                undo.Add(() => devices.DetachLoopAsync(image, CancellationToken.None));
            }

            var uuid = await btrfs.MakeFilesystemAsync(name, request.RaidLevel, loops, ct).ConfigureAwait(false);
            var pool = new Pool
            {
                Name = name,
                RaidLevel = request.RaidLevel,
                Devices = loops,
                ImageFiles = images,
                Uuid = uuid,
                CreatedAt = time.GetUtcNow(),
            };
            await MountNewAsync(pool, loops, undo, ct).ConfigureAwait(false);
            pools.Add(pool);
            return await ViewAsync(pool, ct).ConfigureAwait(false);
        }
        catch
        {
            await undo.RunAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Deletes the pool: unmounts it, detaches and removes its image file or wipes its disks. A pool that
    /// holds shares is deleted only when <paramref name="deleteShares"/> confirms it.
    /// </summary>
    public async Task DeleteAsync(string name, bool deleteShares, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = Require(name);
        if (operations.ListActive().FirstOrDefault(o => o.Pool == name) is { } busy)
        {
            throw new ConflictException($"Pool '{name}' is busy with a {Operations.PoolOperationService.Name(busy.Kind)}: cancel it before deleting the pool.");
        }

        var poolShares = shares.ListInPool(name);
        if (poolShares.Count > 0 && !deleteShares)
        {
            throw new ConflictException(
                $"Pool '{name}' holds {poolShares.Count} share(s) ({string.Join(", ", poolShares.Select(s => s.Name))}). " +
                "Delete them first, or confirm deleting the pool with everything on it.");
        }

        var locked = snapshots.ListInPool(name).Where(s => s.Locked).Select(s => $"{s.Share}/{s.Name}").ToList();
        if (locked.Count > 0)
        {
            throw new ConflictException($"Pool '{name}' holds locked snapshot(s) ({string.Join(", ", locked.Take(5))}{(locked.Count > 5 ? ", …" : "")}); unlock them before deleting the pool.");
        }

        // The file servers let go of the shares first: an exported share's open files would keep the pool busy.
        foreach (var share in poolShares)
        {
            foreach (var export in exports)
            {
                await export.ForgetShareAsync(share.Name, ct).ConfigureAwait(false);
            }
        }

        var mountPoint = layout.PoolMountPoint(name);
        if (await btrfs.GetMountedFilesystemUuidAsync(mountPoint, ct).ConfigureAwait(false) is not null)
        {
            await devices.UnmountAsync(mountPoint, ct).ConfigureAwait(false);
        }

        await RequireReleasedAsync(name, pool.Uuid, ct).ConfigureAwait(false);

        files.RemoveEmptyDirectory(mountPoint);
        if (pool.IsImagePool)
        {
            foreach (var image in pool.ImageFiles)
            {
                await devices.DetachLoopAsync(image, ct).ConfigureAwait(false);
                files.DeleteFile(image);
            }
        }
        else
        {
            foreach (var device in pool.Devices)
            {
                await devices.WipeAsync(device, ct).ConfigureAwait(false);
            }
        }

        foreach (var snapshot in snapshots.ListInPool(name))
        {
            snapshots.Remove(snapshot.Share, snapshot.Name);
        }

        foreach (var share in poolShares)
        {
            shares.Remove(share.Name);
        }

        operations.RemoveForPool(name);
        pools.Remove(name);
    }

    /// <summary>
    /// Adds empty disks to a pool on disks: the pool grows at once, and what is written from now on may go
    /// to them (a balance spreads what is there already). A disk that is not empty, or a pool on image
    /// files, is refused with a sentence.
    /// </summary>
    public async Task<PoolView> AddDevicesAsync(string name, IReadOnlyList<string>? newDisks, CancellationToken ct)
    {
        var wanted = newDisks?.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (wanted.Count == 0)
        {
            throw new ValidationException("Choose at least one disk to add.");
        }

        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await RequireMountedAsync(name, ct).ConfigureAwait(false);
        if (pool.IsImagePool)
        {
            throw new ConflictException($"Pool '{name}' is on image files, which are for trying the appliance out: make a pool on disks to add disks to it.");
        }

        var disks = (await devices.ListDisksAsync(ct).ConfigureAwait(false)).ToDictionary(d => d.Path, StringComparer.Ordinal);
        foreach (var device in wanted)
        {
            if (!disks.TryGetValue(device, out var disk))
            {
                throw new ValidationException($"'{Echo.Of(device)}' is not a disk on this appliance.");
            }

            if (!disk.Usable)
            {
                throw new ValidationException($"{device} cannot be added: {disk.Unusable}.");
            }
        }

        Pool grown;
        try
        {
            await btrfs.AddDevicesAsync(layout.PoolMountPoint(name), wanted, ct).ConfigureAwait(false);
        }
        finally
        {
            // btrfs adds the disks one by one: whatever joined is recorded, even when a later one failed.
            var present = (await btrfs.ListDevicesAsync(layout.PoolMountPoint(name), CancellationToken.None).ConfigureAwait(false))
                .Where(d => d.Path is not null)
                .Select(d => d.Path!)
                .ToList();
            grown = pools.Change(name, p => p with { Devices = [.. p.Devices, .. wanted.Where(present.Contains)] }) ?? pool;
        }

        return await ViewAsync(grown, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes how the pool is mounted (compression of what is written from now on, the admin's options),
    /// at once by remounting it; what is absent stays.
    /// </summary>
    public async Task<PoolView> SetMountOptionsAsync(string name, string? compression, IReadOnlyList<string>? options, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await RequireMountedAsync(name, ct).ConfigureAwait(false);
        var wanted = PoolMountOptions.Parse(compression ?? pool.MountOptions.Compression ?? "off", options ?? pool.MountOptions.Options);
        await devices.RemountAsync(layout.PoolMountPoint(name), wanted.ForRemount(pool.MountOptions), ct).ConfigureAwait(false);
        var changed = pools.Change(name, p => p with { MountOptions = wanted }) ?? pool;
        return await ViewAsync(changed, ct).ConfigureAwait(false);
    }

    /// <summary>Sets the pool's device error counters back to zero, once the admin dealt with what they counted.</summary>
    public async Task<PoolView> ResetDeviceErrorsAsync(string name, CancellationToken ct)
    {
        var pool = await RequireMountedAsync(name, ct).ConfigureAwait(false);
        await btrfs.ResetDeviceErrorsAsync(layout.PoolMountPoint(name), ct).ConfigureAwait(false);
        return await ViewAsync(pool, ct).ConfigureAwait(false);
    }

    /// <summary>Mounts every known pool that is not mounted yet (at start-up). Returns one message per pool that failed.</summary>
    public async Task<IReadOnlyList<string>> MountAllAsync(CancellationToken ct)
    {
        var failures = new List<string>();
        var scanned = false;
        foreach (var pool in pools.List().Where(p => !p.Removable)) // a removable one is mounted while a task writes to it
        {
            try
            {
                if (await IsMountedAsync(pool, ct).ConfigureAwait(false))
                {
                    await devices.RestrictMountAsync(layout.PoolMountPoint(pool.Name), ct).ConfigureAwait(false);
                    continue;
                }

                await MountExistingAsync(pool, degraded: false, scanned, ct).ConfigureAwait(false);
                scanned |= !pool.IsImagePool;
            }
            catch (RockstorException e)
            {
                failures.Add($"Pool '{pool.Name}' could not be mounted: {e.Message}");
            }
        }

        return failures;
    }

    /// <summary>
    /// Mounts a removable pool when its disk is plugged in (found by the filesystem's uuid, under whatever
    /// name it has now); false when it is not.
    /// </summary>
    public async Task<bool> MountIfPresentAsync(Pool pool, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        if (await IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            return true;
        }

        await devices.ScanAsync(ct).ConfigureAwait(false);
        var present = (await devices.ListDisksAsync(ct).ConfigureAwait(false))
            .Any(d => string.Equals(d.FilesystemUuid, pool.Uuid, StringComparison.OrdinalIgnoreCase));
        if (!present)
        {
            return false;
        }

        await MountExistingAsync(pool, degraded: false, scanned: true, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Unmounts a removable pool so its disk can be pulled.</summary>
    public async Task UnmountRemovableAsync(Pool pool, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        if (await IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            await devices.UnmountAsync(layout.PoolMountPoint(pool.Name), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Mounts a pool that is not mounted (after a start that could not mount it). <paramref name="degraded"/>
    /// mounts it without a missing device, after the admin confirmed: it then runs without the redundancy
    /// it was made with, until the missing disk is replaced.
    /// </summary>
    public async Task<PoolView> MountAsync(string name, bool degraded, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = Require(name);
        if (await IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            throw new ConflictException($"Pool '{name}' is mounted already.");
        }

        try
        {
            await MountExistingAsync(pool, degraded, scanned: false, ct).ConfigureAwait(false);
        }
        catch (StorageCommandException e) when (!degraded)
        {
            throw new StorageCommandException(
                $"Pool '{name}' could not be mounted. If one of its disks is missing, mount it degraded (it asks first) and replace the disk",
                e.Command,
                e.StandardError,
                e);
        }

        return await ViewAsync(pool, ct).ConfigureAwait(false);
    }

    /// <summary>Attaches an image pool's files (those still there, when degraded), or scans for a disk pool's devices, and mounts it.</summary>
    /// <summary>
    /// After the pool's own mount went: nothing may hold its filesystem any more (a bind a file server
    /// detached lazily, a mount made outside the appliance) before its disks are wiped or its image
    /// deleted. A hold that is being let go gets a few seconds; one that stays stops the deletion.
    /// </summary>
    private async Task RequireReleasedAsync(string name, string uuid, CancellationToken ct)
    {
        for (var attempt = 0; await btrfs.IsMountedAnywhereAsync(uuid, ct).ConfigureAwait(false); attempt++)
        {
            if (attempt == 20)
            {
                throw new ConflictException(
                    $"Pool '{name}' is unmounted, but its filesystem is still in use (a mount made outside the appliance, or a file server still holding a share); nothing was wiped. Release it and delete the pool again.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct).ConfigureAwait(false);
        }
    }

    private async Task MountExistingAsync(Pool pool, bool degraded, bool scanned, CancellationToken ct)
    {
        var poolDevices = new List<string>();
        if (pool.IsImagePool)
        {
            foreach (var image in pool.ImageFiles.Where(i => !degraded || files.Exists(i)))
            {
                poolDevices.Add(await devices.AttachLoopAsync(image, ct).ConfigureAwait(false));
            }
        }
        else
        {
            if (!scanned)
            {
                await devices.ScanAsync(ct).ConfigureAwait(false);
            }

            // The disks are found by the filesystem's uuid: their names move when a disk goes or comes.
            var members = (await devices.ListDisksAsync(ct).ConfigureAwait(false))
                .Where(d => string.Equals(d.FilesystemUuid, pool.Uuid, StringComparison.OrdinalIgnoreCase))
                .Select(d => d.Path)
                .ToList();
            poolDevices.AddRange(members.Count > 0 ? members : pool.Devices.Where(d => !degraded || files.Exists(d)));
        }

        if (poolDevices.Count == 0)
        {
            throw new ConflictException($"None of pool '{pool.Name}''s devices is there: it cannot be mounted, degraded or not.");
        }

        var mountPoint = layout.PoolMountPoint(pool.Name);
        files.CreateDirectory(mountPoint);
        IReadOnlyList<string> options = [.. pool.MountOptions.ForMount(), .. degraded ? ["degraded"] : Array.Empty<string>()];
        await devices.MountAsync(poolDevices, mountPoint, options, ct).ConfigureAwait(false);

        // Device names move when a disk goes: what got mounted must be this pool's filesystem, not another's.
        var mounted = await btrfs.GetMountedFilesystemUuidAsync(mountPoint, ct).ConfigureAwait(false);
        if (!string.Equals(mounted, pool.Uuid, StringComparison.OrdinalIgnoreCase))
        {
            await devices.UnmountAsync(mountPoint, CancellationToken.None).ConfigureAwait(false);
            throw new ConflictException(
                $"The devices recorded for pool '{pool.Name}' now hold another filesystem ({mounted ?? "none"}), not the pool's ({pool.Uuid}): it was not mounted.");
        }
    }

    private async Task MountNewAsync(Pool pool, IReadOnlyList<string> poolDevices, Undo undo, CancellationToken ct)
    {
        var mountPoint = layout.PoolMountPoint(pool.Name);
        var made = !files.Exists(mountPoint);
        files.CreateDirectory(mountPoint);
        if (made)
        {
            undo.Add(() => files.RemoveEmptyDirectory(mountPoint));
        }

        await devices.MountAsync(poolDevices, mountPoint, pool.MountOptions.ForMount(), ct).ConfigureAwait(false);
        undo.Add(() => devices.UnmountAsync(mountPoint, CancellationToken.None));
        await btrfs.EnableQuotaAsync(mountPoint, ct).ConfigureAwait(false);
    }

    private void EnsureNameFree(string name)
    {
        if (pools.Find(name) is not null)
        {
            throw new ConflictException($"A pool named '{name}' already exists.");
        }
    }

    private async Task<PoolView> ViewAsync(Pool pool, CancellationToken ct)
    {
        var mountPoint = layout.PoolMountPoint(pool.Name);
        if (!await IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            return new PoolView(pool, mountPoint, false, 0, 0);
        }

        var usage = await btrfs.GetUsageAsync(mountPoint, ct).ConfigureAwait(false);
        // What cannot be read of one pool (its devices, its profiles) must not hide the rest, nor other pools.
        IReadOnlyList<PoolDevice> poolDevices = [];
        ChunkProfiles? profiles = null;
        try
        {
            poolDevices = await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageCommandException or FormatException)
        {
        }

        try
        {
            profiles = await btrfs.GetProfilesAsync(mountPoint, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageCommandException or FormatException)
        {
        }

        return new PoolView(pool, mountPoint, true, usage.SizeBytes, usage.UsedBytes) { Devices = poolDevices, Profiles = profiles };
    }
}
