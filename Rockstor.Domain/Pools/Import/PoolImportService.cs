using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Import;

/// <summary>
/// Takes a btrfs filesystem made elsewhere (another appliance, this one before a reinstall, or by hand)
/// into the appliance as a pool: its devices found by its uuid, its subvolumes made shares and its
/// snapshots snapshots (<see cref="ImportPlan"/>). Looking at it first mounts it read-only without
/// replaying its log, so nothing is written before the admin confirms; one with a device missing is
/// imported only when the admin asks for a degraded import.
/// </summary>
public sealed class PoolImportService(
    PoolService poolService,
    IPoolRepository pools,
    IShareRepository shares,
    ISnapshotRepository snapshots,
    IBtrfs btrfs,
    IBlockDevices devices,
    IStorageFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    SnapshotReconciler reconciler,
    IAwaitedShares awaitedShares,
    TimeProvider time)
{
    /// <summary>The foreign btrfs filesystems on the machine's disks that nothing uses, each once with all its devices found.</summary>
    public async Task<IReadOnlyList<ImportCandidate>> ListAsync(CancellationToken ct)
    {
        await devices.ScanAsync(ct).ConfigureAwait(false);
        var known = pools.List().Select(p => p.Uuid).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = new List<ImportCandidate>();
        var disks = await devices.ListDisksAsync(ct).ConfigureAwait(false);
        foreach (var group in disks
            .Where(d => d.FilesystemType == "btrfs" && d.FilesystemUuid is not null && !known.Contains(d.FilesystemUuid))
            .GroupBy(d => d.FilesystemUuid!, StringComparer.OrdinalIgnoreCase))
        {
            // A filesystem in use (the system's, or mounted anywhere through any of its devices) is never offered.
            if (group.Any(d => d.IsSystem || d.Mounted) || await btrfs.IsMountedAnywhereAsync(group.Key, ct).ConfigureAwait(false))
            {
                continue;
            }

            var found = group.Select(d => d.Path).Order(StringComparer.Ordinal).ToList();
            FilesystemSummary? summary = null;
            try
            {
                summary = await btrfs.ShowFilesystemAsync(group.Key, ct).ConfigureAwait(false);
            }
            catch (StorageCommandException)
            {
                // what the disks say is all there is to go by
            }

            candidates.Add(new ImportCandidate(group.Key.ToLowerInvariant(), summary?.Label, Math.Max(summary?.TotalDevices ?? 0, found.Count), found));
        }

        return candidates;
    }

    /// <summary>Reads what an import would make, from the filesystem mounted read-only without log replay at a folder of its own.</summary>
    public async Task<ImportPreview> PreviewAsync(string? fsUuid, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var candidate = await RequireAsync(fsUuid, ct).ConfigureAwait(false);
        return new ImportPreview(candidate, SuggestedName(candidate), await ReadPlanAsync(candidate, ct).ConfigureAwait(false));
    }

    /// <summary>The plan, read with the filesystem mounted read-only and without log replay: nothing is written.</summary>
    private async Task<ImportPlan> ReadPlanAsync(ImportCandidate candidate, CancellationToken ct)
    {
        var look = Path.Combine(layout.MountRoot, $".import-{candidate.FsUuid}");
        files.CreateDirectory(look);
        try
        {
            IReadOnlyList<string> options = ["ro", "rescue=nologreplay", .. candidate.Missing > 0 ? ["degraded"] : Array.Empty<string>()];
            await devices.MountAsync(candidate.Devices, look, options, ct).ConfigureAwait(false);
            try
            {
                return ImportPlan.From(await btrfs.ListSubvolumesAsync(look, ct).ConfigureAwait(false));
            }
            finally
            {
                await devices.UnmountAsync(look, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            files.RemoveEmptyDirectory(look);
        }
    }

    /// <summary>
    /// Imports the filesystem as pool <paramref name="name"/> (its label when none is given). With a device
    /// missing it is refused unless <paramref name="degraded"/> says the admin accepts running without
    /// redundancy until the missing disk is replaced.
    /// </summary>
    public async Task<PoolView> ImportAsync(string? fsUuid, string? name, bool degraded, CancellationToken ct)
    {
        string poolName;
        using (await storageLock.AcquireAsync(ct).ConfigureAwait(false))
        {
            var candidate = await RequireAsync(fsUuid, ct).ConfigureAwait(false);
            poolName = ResourceName.Validate(string.IsNullOrWhiteSpace(name) ? SuggestedName(candidate) : name.Trim(), "pool");
            if (pools.Find(poolName) is not null)
            {
                throw new ConflictException($"A pool named '{poolName}' already exists: give the imported one another name.");
            }

            if (candidate.Missing > 0 && !degraded)
            {
                throw new ConflictException(
                    $"{candidate.Missing} of the {candidate.TotalDevices} disks of this filesystem are not on this machine. Import it degraded " +
                    "(it then runs without the redundancy it was made with; replace the missing disks from the pool's page), or attach them first.");
            }

            // Names that clash are found before anything is written: a read-write mount replays the log.
            foreach (var share in (await ReadPlanAsync(candidate, ct).ConfigureAwait(false)) is var looked ? looked.Shares.Concat(looked.ReplicaShares) : [])
            {
                if (shares.Find(share) is not null)
                {
                    throw new ConflictException($"This appliance has a share named '{share}' already; rename or delete it before importing this filesystem. Nothing was written to it.");
                }
            }

            var mountPoint = layout.PoolMountPoint(poolName);
            var undo = new Undo();
            try
            {
                if (!files.Exists(mountPoint))
                {
                    files.CreateDirectory(mountPoint);
                    undo.Add(() => files.RemoveEmptyDirectory(mountPoint));
                }

                IReadOnlyList<string> options = candidate.Missing > 0 ? ["degraded"] : [];
                await devices.MountAsync(candidate.Devices, mountPoint, options, ct).ConfigureAwait(false);
                undo.Add(() => devices.UnmountAsync(mountPoint, CancellationToken.None));
                if (!string.Equals(await btrfs.GetMountedFilesystemUuidAsync(mountPoint, ct).ConfigureAwait(false), candidate.FsUuid, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConflictException($"The disks of {candidate.FsUuid} did not mount as that filesystem; nothing was imported.");
                }

                var plan = ImportPlan.From(await btrfs.ListSubvolumesAsync(mountPoint, ct).ConfigureAwait(false));
                await btrfs.EnableQuotaAsync(mountPoint, ct).ConfigureAwait(false);
                foreach (var move in plan.Moves)
                {
                    await MoveAsync(Path.Combine(mountPoint, move.From), Path.Combine(mountPoint, move.To), move.Subvolume, ct).ConfigureAwait(false);
                }

                var profiles = await btrfs.GetProfilesAsync(mountPoint, ct).ConfigureAwait(false);
                var pool = new Pool
                {
                    Name = poolName,
                    RaidLevel = RaidLevels.Parse(profiles.Data[0]),
                    Devices = candidate.Devices,
                    Uuid = candidate.FsUuid,
                    CreatedAt = time.GetUtcNow(),
                };
                undo.Add(() => Forget(poolName));
                var awaited = await AddSharesAsync(pool, plan, ct).ConfigureAwait(false);
                pools.Add(pool);
                await reconciler.ReconcileAsync(pool, ct).ConfigureAwait(false);

                // Only now: an import that fails before this leaves them awaited for the next try (ADR-039).
                foreach (var share in awaited)
                {
                    awaitedShares.Forget(share);
                }
            }
            catch
            {
                // The moves made stay (the dialog listed them); the records and the mount go.
                await undo.RunAsync().ConfigureAwait(false);
                throw;
            }
        }

        return await poolService.GetAsync(poolName, ct).ConfigureAwait(false);
    }

    /// <summary>Moves a read-only snapshot (writable for the move, read-only again after) or a folder of received snapshots.</summary>
    private async Task MoveAsync(string from, string to, bool subvolume, CancellationToken ct)
    {
        files.CreateDirectory(Path.GetDirectoryName(to)!);
        if (!subvolume)
        {
            files.Move(from, to);
            return;
        }

        await btrfs.SetReadOnlyAsync(from, false, ct).ConfigureAwait(false);
        try
        {
            files.Move(from, to);
        }
        catch
        {
            await btrfs.SetReadOnlyAsync(from, true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await btrfs.SetReadOnlyAsync(to, true, ct).ConfigureAwait(false);
    }

    /// <summary>Drops every record an import that failed half-way made.</summary>
    private void Forget(string poolName)
    {
        foreach (var snapshot in snapshots.ListInPool(poolName))
        {
            snapshots.Remove(snapshot.Share, snapshot.Name);
        }

        foreach (var share in shares.ListInPool(poolName))
        {
            shares.Remove(share.Name);
        }

        if (pools.Find(poolName) is not null)
        {
            pools.Remove(poolName);
        }
    }

    /// <summary>Adds the pool's shares; returns the names of those a configuration import awaited.</summary>
    private async Task<IReadOnlyList<string>> AddSharesAsync(Pool pool, ImportPlan plan, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var taken = new List<string>();
        foreach (var name in plan.Shares)
        {
            var subvolume = await btrfs.ShowSubvolumeAsync(layout.SharePath(pool.Name, name), ct).ConfigureAwait(false);
            // A share a configuration import awaits comes back as it was, so its exports and settings hold again (ADR-039).
            var awaited = awaitedShares.Find(name, subvolume.Uuid);
            shares.Add(awaited is null
                ? new Share { Name = name, Pool = pool.Name, Uuid = subvolume.Uuid, CreatedAt = subvolume.CreatedAt ?? now }
                : awaited with { Pool = pool.Name, Kind = ShareKind.Regular });
            if (awaited is not null)
            {
                taken.Add(name);
            }
        }

        foreach (var name in plan.ReplicaShares)
        {
            shares.Add(new Share { Name = name, Pool = pool.Name, Uuid = "", CreatedAt = now, Kind = ShareKind.Replica });
        }

        return taken;
    }

    private async Task<ImportCandidate> RequireAsync(string? fsUuid, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(fsUuid))
        {
            throw new ValidationException("Name the filesystem to import by its uuid (the Disks screen shows it).");
        }

        var wanted = fsUuid.Trim();
        if (pools.List().Any(p => string.Equals(p.Uuid, wanted, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConflictException($"The filesystem {Echo.Of(wanted)} is one of this appliance's pools already.");
        }

        return (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(c => string.Equals(c.FsUuid, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"No disk on this machine holds a btrfs filesystem {Echo.Of(wanted)} that could be imported.");
    }

    /// <summary>The filesystem's label when it can name a pool, else "imported-" and the start of its uuid.</summary>
    private static string SuggestedName(ImportCandidate candidate) =>
        candidate.Label is { } label && ResourceName.IsSafe(label) && char.IsLetter(label[0]) ? label : $"imported-{candidate.FsUuid[..8]}";
}
