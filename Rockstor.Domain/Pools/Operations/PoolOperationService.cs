using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// Starts a pool's long operations, and lists them. One operation at a time per pool: a second is refused
/// with a sentence naming the first. Pausing, resuming and cancelling them is
/// <see cref="PoolOperationControl"/>'s work; following them as they run, <see cref="PoolOperationMonitor"/>'s.
/// </summary>
public sealed class PoolOperationService(
    PoolService pools,
    IPoolOperationRepository operations,
    IBtrfs btrfs,
    IBtrfsOperations btrfsOperations,
    IBlockDevices devices,
    StorageLayout layout,
    StorageLock storageLock,
    RunningCommands commands,
    PoolOperationEvents events,
    TimeProvider time)
{
    public const int HistoryLength = 50;

    /// <summary>The pool's operations, newest first, the live state of those in progress.</summary>
    public IReadOnlyList<PoolOperation> List(string name)
    {
        pools.Require(name);
        return operations.ListForPool(name, HistoryLength).Select(o => events.Live(o.Id) ?? o).ToList();
    }

    /// <summary>The operation running or paused on the pool, if any.</summary>
    public PoolOperation? Active(string name) =>
        operations.ListActive().FirstOrDefault(o => o.Pool == name) is { } active ? events.Live(active.Id) ?? active : null;

    public PoolOperation Require(string name, long id) =>
        operations.Find(id) is { } found && found.Pool == name
            ? events.Live(id) ?? found
            : throw new NotFoundException($"Pool '{Echo.Of(name)}' has no operation {id}.");

    public async Task<PoolOperation> ScrubAsync(string name, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await pools.RequireMountedAsync(name, ct).ConfigureAwait(false);
        await EnsureIdleAsync(pool, ct).ConfigureAwait(false);
        var mountPoint = layout.PoolMountPoint(name);
        var usage = await btrfs.GetUsageAsync(mountPoint, ct).ConfigureAwait(false);
        var scrub = await RunningCommands.LaunchAsync(token => btrfsOperations.ScrubAsync(mountPoint, token), time).ConfigureAwait(false);
        return Begin(scrub, new PoolOperation
        {
            Id = 0,
            Pool = name,
            Kind = PoolOperationKind.Scrub,
            State = PoolOperationState.Running,
            Detail = "every block checked against its checksum",
            StartedAt = time.GetUtcNow(),
            StartBytes = usage.RawUsedBytes,
        });
    }

    /// <summary>
    /// Rewrites every chunk, converting to the levels given (null: as they are). Lowering redundancy or
    /// choosing raid5/6 needs <paramref name="confirmed"/>.
    /// </summary>
    public async Task<PoolOperation> BalanceAsync(string name, RaidLevel? data, RaidLevel? metadata, bool confirmed, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await pools.RequireMountedAsync(name, ct).ConfigureAwait(false);
        await EnsureIdleAsync(pool, ct).ConfigureAwait(false);
        var mountPoint = layout.PoolMountPoint(name);
        string? dataProfile = null, metadataProfile = null;
        var detail = "spread every chunk over the disks";
        if (data is not null || metadata is not null)
        {
            var present = (await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false)).Count(d => !d.Missing);
            var profiles = await btrfs.GetProfilesAsync(mountPoint, ct).ConfigureAwait(false);
            // Half-way through a conversion, what the pool survives is measured by its most redundant chunks.
            var fromData = RaidChange.MostRedundant(profiles.Data);
            var fromMetadata = RaidChange.MostRedundant(profiles.Metadata);
            var toData = data ?? fromData;
            var toMetadata = metadata ?? (data is { } d ? RaidChange.DefaultMetadata(d, present) : fromMetadata);
            RaidChange.Validate(fromData, fromMetadata, toData, toMetadata, present, confirmed, halfway: profiles.Mixed);
            dataProfile = toData.ToProfile();
            metadataProfile = toMetadata.ToProfile();
            detail = $"convert data to {dataProfile} and metadata to {metadataProfile}";
        }

        await btrfsOperations.StartBalanceAsync(mountPoint, dataProfile, metadataProfile, ct).ConfigureAwait(false);
        if (dataProfile is not null)
        {
            // As for a replacement, btrfs-progs does not wait for the kernel's answer: a conversion has
            // started once btrfs runs a balance, or the pool is at the new levels already.
            await UntilStartedAsync(
                    pool,
                    async () => (await btrfsOperations.ReadBalanceAsync(mountPoint, ct).ConfigureAwait(false)).State != BalanceState.None
                        || (await btrfs.GetProfilesAsync(mountPoint, ct).ConfigureAwait(false)) is var now
                            && now.Data.SequenceEqual([dataProfile]) && now.Metadata.SequenceEqual([metadataProfile!]),
                    $"btrfs did not start converting pool '{name}'; the system log (dmesg) says why",
                    ct)
                .ConfigureAwait(false);
        }

        return Begin(new PoolOperation
        {
            Id = 0,
            Pool = name,
            Kind = PoolOperationKind.Balance,
            State = PoolOperationState.Running,
            Detail = detail,
            StartedAt = time.GetUtcNow(),
            DataProfile = dataProfile,
            MetadataProfile = metadataProfile,
        });
    }

    /// <summary>
    /// Moves everything off one of the pool's disks (by path or devid) and takes it out. Refused when the
    /// raid levels need it or the other disks could not hold what the pool stores.
    /// </summary>
    public async Task<PoolOperation> RemoveDeviceAsync(string name, string? device, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await pools.RequireMountedAsync(name, ct).ConfigureAwait(false);
        RefuseImagePool(pool, "remove a disk from it");
        await EnsureIdleAsync(pool, ct).ConfigureAwait(false);
        var mountPoint = layout.PoolMountPoint(name);
        var poolDevices = await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false);
        var leaving = Find(poolDevices, device, name);
        if (poolDevices.FirstOrDefault(d => d.Missing && d.DevId != leaving.DevId) is { } missing)
        {
            throw new ConflictException($"Device {missing.DevId} of pool '{name}' is missing: replace it before removing another disk.");
        }

        var profiles = await btrfs.GetProfilesAsync(mountPoint, ct).ConfigureAwait(false);
        if (profiles.Mixed)
        {
            throw new ConflictException(
                $"Pool '{name}' is half-way through a raid conversion (data on {string.Join(" and ", profiles.Data)}, metadata on {string.Join(" and ", profiles.Metadata)}): " +
                "finish it first by changing the raid level again to the one you chose.");
        }

        var data = RaidChange.MostRedundant(profiles.Data);
        var metadata = RaidChange.MostRedundant(profiles.Metadata);
        var staying = poolDevices.Where(d => d.DevId != leaving.DevId && !d.Missing).ToList();
        foreach (var level in new[] { data, metadata }.Distinct())
        {
            if (staying.Count < RaidLevels.MinimumDevices(level))
            {
                throw new ConflictException(
                    $"Pool '{name}' keeps {(level == data ? "its data" : "its metadata")} on {level.ToProfile()}, which needs at least {RaidLevels.MinimumDevices(level)} disks; " +
                    $"without {Describe(leaving)} it would have {staying.Count}. Add a disk first, or change the raid level.");
            }
        }

        var usage = await btrfs.GetUsageAsync(mountPoint, ct).ConfigureAwait(false);
        var room = RemovalCapacity.Usable(data, staying.Select(d => d.SizeBytes).ToList());
        if (room < usage.UsedBytes + (usage.UsedBytes / 20))
        {
            throw new ConflictException(
                $"The other disks of pool '{name}' can hold {Bytes.Format(room)} at {data.ToProfile()}, and the pool stores {Bytes.Format(usage.UsedBytes)}: " +
                $"{Describe(leaving)} cannot be removed. Free some space or add a disk first.");
        }

        var removal = await RunningCommands.LaunchAsync(token => btrfsOperations.RemoveDeviceAsync(mountPoint, leaving.DevId, token), time).ConfigureAwait(false);
        return Begin(removal, new PoolOperation
        {
            Id = 0,
            Pool = name,
            Kind = PoolOperationKind.RemoveDevice,
            State = PoolOperationState.Running,
            Detail = $"move everything off {Describe(leaving)} and take it out",
            StartedAt = time.GetUtcNow(),
            DevId = leaving.DevId,
            Device = leaving.Path,
            StartBytes = leaving.UsedBytes,
        });
    }

    /// <summary>
    /// Rebuilds one of the pool's devices (by path or devid; also a missing one) onto an empty disk, which
    /// takes its place. The pool stays in use meanwhile.
    /// </summary>
    public async Task<PoolOperation> ReplaceAsync(string name, string? device, string? with, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(with))
        {
            throw new ValidationException("Choose the disk that takes the old one's place.");
        }

        var target = with.Trim();
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var pool = await pools.RequireMountedAsync(name, ct).ConfigureAwait(false);
        RefuseImagePool(pool, "replace one of its disks");
        await EnsureIdleAsync(pool, ct).ConfigureAwait(false);
        var mountPoint = layout.PoolMountPoint(name);
        var old = Find(await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false), device, name);
        var disk = (await devices.ListDisksAsync(ct).ConfigureAwait(false)).FirstOrDefault(d => d.Path == target)
            ?? throw new ValidationException($"'{Echo.Of(target)}' is not a disk on this appliance.");
        if (!disk.Usable)
        {
            throw new ValidationException($"{target} cannot take the place of {Describe(old)}: {disk.Unusable}.");
        }

        if (disk.SizeBytes < old.SizeBytes)
        {
            throw new ValidationException($"{target} ({Bytes.Format(disk.SizeBytes)}) is smaller than {Describe(old)} ({Bytes.Format(old.SizeBytes)}): choose a disk at least as large.");
        }

        var before = await btrfsOperations.ReadReplaceAsync(mountPoint, ct).ConfigureAwait(false);
        await btrfsOperations.StartReplaceAsync(mountPoint, old.DevId, target, ct).ConfigureAwait(false);

        // btrfs-progs starts the replacement from a process of its own and says nothing of the kernel's
        // answer: it is started once the kernel runs it, or a new one has ended already.
        await UntilStartedAsync(
                pool,
                async () => (await btrfsOperations.ReadReplaceAsync(mountPoint, ct).ConfigureAwait(false)) is var now
                    && (now.State == ReplaceState.Running || (now.State is ReplaceState.Finished or ReplaceState.Cancelled && now.Started != before.Started)),
                $"btrfs did not start replacing {Describe(old)} with {target}; the system log (dmesg) says why",
                ct)
            .ConfigureAwait(false);
        return Begin(new PoolOperation
        {
            Id = 0,
            Pool = name,
            Kind = PoolOperationKind.Replace,
            State = PoolOperationState.Running,
            Detail = $"{Describe(old)} -> {target}",
            StartedAt = time.GetUtcNow(),
            DevId = old.DevId,
            Device = old.Path,
            Target = target,
        });
    }

    /// <summary>How long btrfs is given to show that it took an operation started in the background.</summary>
    public static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(10);

    /// <summary>Waits until btrfs shows the operation started (its exclusive operation, or <paramref name="started"/>); throws with the sentence otherwise.</summary>
    private async Task UntilStartedAsync(Pool pool, Func<Task<bool>> started, string failure, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + StartWithin;
        while (true)
        {
            if (await btrfsOperations.ReadExclusiveOperationAsync(pool.Uuid, ct).ConfigureAwait(false) != "none" || await started().ConfigureAwait(false))
            {
                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new StorageCommandException(failure, "btrfs", "");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses a new operation while one runs on the pool, whether this appliance or a shell started it.</summary>
    private async Task EnsureIdleAsync(Pool pool, CancellationToken ct)
    {
        if (operations.ListActive().FirstOrDefault(o => o.Pool == pool.Name) is { } busy)
        {
            throw new ConflictException(
                $"Pool '{pool.Name}' is busy with a {Name(busy.Kind)} ({busy.State.ToString().ToLowerInvariant()}, since {busy.StartedAt:yyyy-MM-dd HH:mm} UTC): wait for it, or cancel it first.");
        }

        var exclusive = await btrfsOperations.ReadExclusiveOperationAsync(pool.Uuid, ct).ConfigureAwait(false);
        if (exclusive != "none")
        {
            throw new ConflictException($"btrfs is running a {exclusive} on pool '{pool.Name}' that was started outside the appliance: wait for it to end.");
        }

        if ((await btrfsOperations.ReadScrubAsync(layout.PoolMountPoint(pool.Name), ct).ConfigureAwait(false)).State == ScrubState.Running)
        {
            throw new ConflictException($"A scrub started outside the appliance is running on pool '{pool.Name}': wait for it to end.");
        }
    }

    private static void RefuseImagePool(Pool pool, string what)
    {
        if (pool.IsImagePool)
        {
            throw new ConflictException($"Pool '{pool.Name}' is on image files, which are for trying the appliance out: make a pool on disks to {what}.");
        }
    }

    private PoolOperation Begin(PoolOperation operation)
    {
        var added = operations.Add(operation);
        events.Publish(added);
        return added;
    }

    /// <summary>Records an operation whose btrfs command this process runs, and holds the command.</summary>
    private PoolOperation Begin(RunningCommands.Launched command, PoolOperation operation)
    {
        var added = operations.Add(operation);
        commands.Hold(added.Id, command);
        events.Publish(added);
        return added;
    }

    /// <summary>Records the operation's new state and tells the screens.</summary>
    internal PoolOperation Save(PoolOperation operation)
    {
        operations.Update(operation);
        events.Publish(operation);
        return operation;
    }

    /// <summary>The pool's device named by its path or its devid.</summary>
    private static PoolDevice Find(IReadOnlyList<PoolDevice> poolDevices, string? device, string pool)
    {
        if (string.IsNullOrWhiteSpace(device))
        {
            throw new ValidationException("Name the disk, by its path or its device id.");
        }

        var wanted = device.Trim();
        return poolDevices.FirstOrDefault(d => d.Path == wanted || d.DevId.ToString(System.Globalization.CultureInfo.InvariantCulture) == wanted)
            ?? throw new NotFoundException($"Pool '{pool}' has no device '{Echo.Of(wanted)}'; its devices are {string.Join(", ", poolDevices.Select(Describe))}.");
    }

    internal static string Describe(PoolDevice device) => device.Path is { } path ? $"{path} (devid {device.DevId})" : $"the missing devid {device.DevId}";

    public static string Name(PoolOperationKind kind) => kind switch
    {
        PoolOperationKind.Scrub => "scrub",
        PoolOperationKind.Balance => "balance",
        PoolOperationKind.RemoveDevice => "disk removal",
        _ => "disk replacement",
    };
}
