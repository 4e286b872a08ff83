using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// Follows the pools' operations in progress by asking btrfs, whose state is the truth: it updates their
/// progress, ends them as btrfs ended them, and records what changed in the pool (its devices, its raid
/// level). At start it also takes up operations btrfs is still running: those of a previous run of the
/// appliance, and those started from a shell.
/// </summary>
public sealed class PoolOperationMonitor(
    IPoolRepository poolStore,
    IPoolOperationRepository operations,
    IBtrfs btrfs,
    IBtrfsOperations btrfsOperations,
    StorageLayout layout,
    RunningCommands commands,
    PoolOperationGate gate,
    PoolOperationEvents events,
    TimeProvider time)
{
    /// <summary>Progress is written to the store at most this often; state changes at once.</summary>
    public static readonly TimeSpan StoreEvery = TimeSpan.FromSeconds(30);

    /// <summary>How long a scrub may go without a status from btrfs-progs before it counts as never started.</summary>
    public static readonly TimeSpan NoScrubStatusFor = TimeSpan.FromSeconds(30);

    /// <summary>An operation whose state cannot be read this long ends as interrupted.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    private readonly Dictionary<long, DateTimeOffset> _storedAt = [];
    private readonly Dictionary<long, DateTimeOffset> _failingSince = [];

    /// <summary>An operation ended (finished, failed, cancelled or interrupted).</summary>
    public event Func<PoolOperation, CancellationToken, Task>? Ended;

    /// <summary>Whether any operation is in progress (the poller sleeps longer when none is).</summary>
    public bool AnyActive => operations.ListActive().Count > 0;

    /// <summary>Reads btrfs once for every operation in progress.</summary>
    public async Task PollAsync(CancellationToken ct)
    {
        foreach (var id in operations.ListActive().Select(o => o.Id))
        {
            PoolOperation? ended;
            using (await gate.AcquireAsync(ct).ConfigureAwait(false))
            {
                ended = await PollOneAsync(id, ct).ConfigureAwait(false);
            }

            if (ended is not null && Ended is { } tell)
            {
                await tell(ended, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads btrfs for one operation and records what changed; returns it when it ended.</summary>
    private async Task<PoolOperation?> PollOneAsync(long id, CancellationToken ct)
    {
        // Read again under the gate: the admin may have paused or cancelled it since the list was read.
        if (operations.Find(id) is not { } stored || !stored.State.IsActive())
        {
            Forget(id);
            return null;
        }

        var current = events.Live(id) is { } live && live.Requested == stored.Requested && live.State == stored.State ? live : stored;
        PoolOperation next;
        try
        {
            next = await ObserveAsync(current, ct).ConfigureAwait(false);
            _failingSince.Remove(id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Read again at the next poll; one that cannot be read for long ends, saying why.
            var since = _failingSince.TryGetValue(id, out var first) ? first : _failingSince[id] = time.GetUtcNow();
            if (time.GetUtcNow() - since < GiveUpAfter)
            {
                return null;
            }

            next = End(current, PoolOperationState.Interrupted, $"Its state could not be read from btrfs for {GiveUpAfter.TotalMinutes:0} minutes ({e.GetBaseException().Message}); look at the pool, then start it again.");
        }

        if (next == current)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (next.State != stored.State || !_storedAt.TryGetValue(id, out var at) || now - at >= StoreEvery)
        {
            operations.Update(next);
            _storedAt[id] = now;
        }

        events.Publish(next);
        if (next.State.IsActive())
        {
            return null;
        }

        Forget(id);
        return next;
    }

    private void Forget(long id)
    {
        _storedAt.Remove(id);
        _failingSince.Remove(id);
        commands.Forget(id);
    }

    /// <summary>
    /// At start: resumes the scrubs the last stop interrupted, records what btrfs runs that the store does
    /// not know of, then polls.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        var active = operations.ListActive();
        foreach (var scrub in active.Where(o => o.Kind == PoolOperationKind.Scrub && o.State == PoolOperationState.Running && commands.Find(o.Id) is null))
        {
            await ResumeScrubAsync(scrub, ct).ConfigureAwait(false);
        }

        foreach (var pool in poolStore.List())
        {
            if (active.Any(o => o.Pool == pool.Name) || !await MountedAsync(pool, ct).ConfigureAwait(false))
            {
                continue;
            }

            if (await FoundAsync(pool, ct).ConfigureAwait(false) is { } found)
            {
                events.Publish(operations.Add(found));
            }
        }

        await PollAsync(ct).ConfigureAwait(false);
    }

    private async Task ResumeScrubAsync(PoolOperation scrub, CancellationToken ct)
    {
        var mountPoint = layout.PoolMountPoint(scrub.Pool);
        try
        {
            // Cut before btrfs-progs wrote any progress, the scrub starts over; else it goes on from where it was.
            var status = await btrfsOperations.ReadScrubAsync(mountPoint, ct).ConfigureAwait(false);
            if (status.State is ScrubState.Interrupted or ScrubState.Aborted)
            {
                commands.Hold(scrub.Id, await RunningCommands.LaunchAsync(token => btrfsOperations.ResumeScrubAsync(mountPoint, token), time).ConfigureAwait(false));
            }
            else if (status.State == ScrubState.None)
            {
                commands.Hold(scrub.Id, await RunningCommands.LaunchAsync(token => btrfsOperations.ScrubAsync(mountPoint, token), time).ConfigureAwait(false));
            }
        }
        catch (RockstorException)
        {
            // not mounted, or btrfs refused: the poll ends it as interrupted with what btrfs says
        }
    }

    private async Task<PoolOperation?> FoundAsync(Pool pool, CancellationToken ct)
    {
        var mountPoint = layout.PoolMountPoint(pool.Name);
        var found = new PoolOperation
        {
            Id = 0,
            Pool = pool.Name,
            Kind = PoolOperationKind.Balance,
            State = PoolOperationState.Running,
            Detail = "found running at start, started outside the appliance",
            StartedAt = time.GetUtcNow(),
            Found = true,
        };
        var exclusive = await btrfsOperations.ReadExclusiveOperationAsync(pool.Uuid, ct).ConfigureAwait(false);
        switch (exclusive)
        {
            case "balance":
                return found;
            case "balance paused":
                return found with { State = PoolOperationState.Paused };
            case "device replace":
                return found with { Kind = PoolOperationKind.Replace };
            case "device remove":
                return found with { Kind = PoolOperationKind.RemoveDevice };
        }

        if ((await btrfsOperations.ReadScrubAsync(mountPoint, ct).ConfigureAwait(false)).State == ScrubState.Running)
        {
            var usage = await btrfs.GetUsageAsync(mountPoint, ct).ConfigureAwait(false);
            return found with { Kind = PoolOperationKind.Scrub, StartBytes = usage.RawUsedBytes };
        }

        return null;
    }

    private async Task<PoolOperation> ObserveAsync(PoolOperation operation, CancellationToken ct)
    {
        var pool = poolStore.Find(operation.Pool);
        if (pool is null)
        {
            return End(operation, PoolOperationState.Interrupted, "The pool was deleted.");
        }

        if (!await MountedAsync(pool, ct).ConfigureAwait(false))
        {
            // A balance or a replacement goes on when the pool is mounted again; a scrub or a removal does not.
            return operation.Kind is PoolOperationKind.Scrub or PoolOperationKind.RemoveDevice && commands.Find(operation.Id) is not { IsCompleted: false }
                ? End(operation, PoolOperationState.Interrupted, "The pool was unmounted while it ran.")
                : operation;
        }

        var mountPoint = layout.PoolMountPoint(pool.Name);
        return operation.Kind switch
        {
            PoolOperationKind.Scrub => await ObserveScrubAsync(operation, mountPoint, ct).ConfigureAwait(false),
            PoolOperationKind.Balance => await ObserveBalanceAsync(operation, pool, mountPoint, ct).ConfigureAwait(false),
            PoolOperationKind.Replace => await ObserveReplaceAsync(operation, pool, mountPoint, ct).ConfigureAwait(false),
            _ => await ObserveRemovalAsync(operation, pool, mountPoint, ct).ConfigureAwait(false),
        };
    }

    private async Task<PoolOperation> ObserveScrubAsync(PoolOperation operation, string mountPoint, CancellationToken ct)
    {
        var status = await btrfsOperations.ReadScrubAsync(mountPoint, ct).ConfigureAwait(false);
        var command = commands.Find(operation.Id);
        if (status.State != ScrubState.Running && (command is { IsCompleted: false } || (status.State == ScrubState.None && time.GetUtcNow() - operation.StartedAt < NoScrubStatusFor)))
        {
            // The command still runs: btrfs-progs writes its status a few seconds in (an earlier scrub's
            // status shows until then).
            return operation with { State = PoolOperationState.Running };
        }

        var total = operation.StartBytes ?? 0;
        var progress = new OperationProgress
        {
            BytesDone = status.BytesScrubbed,
            BytesTotal = total,
            Percent = total > 0 ? Math.Min(99.9, 100.0 * status.BytesScrubbed / total) : 0,
            ErrorsFound = status.ErrorsFound,
            ErrorsCorrected = status.ErrorsCorrected,
            ErrorsUncorrectable = status.ErrorsUncorrectable,
        };
        switch (status.State)
        {
            case ScrubState.Running:
                return operation with { State = PoolOperationState.Running, Progress = Paced(operation, progress) };
            case ScrubState.Finished:
                return End(operation with { Progress = progress with { Percent = 100, SecondsLeft = 0 } }, PoolOperationState.Finished, ScrubResult(status));
            case ScrubState.Aborted or ScrubState.Interrupted when operation.Requested == PoolOperationState.Paused:
                return operation with { State = PoolOperationState.Paused, Progress = progress };
            case ScrubState.Aborted when operation.Requested == PoolOperationState.Cancelled:
                return End(operation with { Progress = progress }, PoolOperationState.Cancelled, "Cancelled by the admin.");
            default:
                return End(
                    operation with { Progress = progress },
                    PoolOperationState.Interrupted,
                    command is { Exception: { } failed }
                        ? $"The scrub stopped before the end: {failed.GetBaseException().Message}"
                        : "The scrub stopped before the end (the pool was unmounted, or it was cancelled from a shell). Start a new one.");
        }
    }

    internal static string ScrubResult(ScrubStatus status) =>
        status.ErrorsFound == 0
            ? "No errors found."
            : status.ErrorsUncorrectable == 0
                ? $"{status.ErrorsFound} error(s) found, all corrected from a good copy."
                : $"{status.ErrorsFound} error(s) found, {status.ErrorsCorrected} corrected; {status.ErrorsUncorrectable} could not be corrected: the files they belong to have lost data (the system log names them).";

    private async Task<PoolOperation> ObserveBalanceAsync(PoolOperation operation, Pool pool, string mountPoint, CancellationToken ct)
    {
        var status = await btrfsOperations.ReadBalanceAsync(mountPoint, ct).ConfigureAwait(false);
        if (status.State != BalanceState.None)
        {
            var progress = new OperationProgress { Percent = Math.Clamp(100 - status.PercentLeft, 0, 100) };
            return status.State == BalanceState.Paused
                ? operation with { State = PoolOperationState.Paused, Progress = progress }
                : operation with { State = PoolOperationState.Running, Progress = Paced(operation, progress) };
        }

        var profiles = await btrfs.GetProfilesAsync(mountPoint, ct).ConfigureAwait(false);
        var now = $"data is on {string.Join(" and ", profiles.Data)}, metadata on {string.Join(" and ", profiles.Metadata)}";
        if (operation.Requested == PoolOperationState.Cancelled)
        {
            return End(operation, PoolOperationState.Cancelled, $"Cancelled by the admin; {now}.");
        }

        if (operation.DataProfile is { } data && operation.MetadataProfile is { } metadata
            && !(profiles.Data.SequenceEqual([data]) && profiles.Metadata.SequenceEqual([metadata])))
        {
            return End(operation, PoolOperationState.Failed, $"The balance ended before every chunk was converted: {now}. Start the change again to finish it (the system log says why it stopped).");
        }

        if (!profiles.Mixed)
        {
            poolStore.Change(pool.Name, p => p with { RaidLevel = RaidLevels.Parse(profiles.Data[0]) });
        }

        return End(operation with { Progress = operation.Progress with { Percent = 100, SecondsLeft = 0 } }, PoolOperationState.Finished, $"Done: {now}.");
    }

    private async Task<PoolOperation> ObserveReplaceAsync(PoolOperation operation, Pool pool, string mountPoint, CancellationToken ct)
    {
        var status = await btrfsOperations.ReadReplaceAsync(mountPoint, ct).ConfigureAwait(false);
        var progress = new OperationProgress { Percent = status.Percent, ErrorsFound = status.WriteErrors + status.ReadErrors };
        switch (status.State)
        {
            case ReplaceState.Running:
                return operation with { Progress = Paced(operation, progress) };
            case ReplaceState.Finished:
                if (operation.DevId is { } devId)
                {
                    await btrfsOperations.GrowDeviceAsync(mountPoint, devId, ct).ConfigureAwait(false);
                }

                await RefreshDevicesAsync(pool, mountPoint, ct).ConfigureAwait(false);
                return End(
                    operation with { Progress = progress with { Percent = 100, SecondsLeft = 0 } },
                    progress.ErrorsFound == 0 ? PoolOperationState.Finished : PoolOperationState.Failed,
                    progress.ErrorsFound == 0
                        ? $"Done: {operation.Target ?? "the new disk"} took the old disk's place."
                        : $"The new disk took the old one's place, but {progress.ErrorsFound} block(s) could not be read or written: run a scrub to find the files concerned.");
            case ReplaceState.Cancelled:
                return End(operation with { Progress = progress }, PoolOperationState.Cancelled, "Cancelled; the old disk stays in the pool.");
            default:
                return End(operation, PoolOperationState.Failed, "btrfs has no record of the replacement: it did not start.");
        }
    }

    private async Task<PoolOperation> ObserveRemovalAsync(PoolOperation operation, Pool pool, string mountPoint, CancellationToken ct)
    {
        var removal = commands.Find(operation.Id);
        var running = removal is { IsCompleted: false }
            || (removal is null && await btrfsOperations.ReadExclusiveOperationAsync(pool.Uuid, ct).ConfigureAwait(false) == "device remove");
        var devices = await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false);
        var leaving = devices.FirstOrDefault(d => d.DevId == operation.DevId);
        if (running)
        {
            if (leaving is null || operation.StartBytes is not { } start || start <= 0)
            {
                return operation;
            }

            var moved = Math.Max(0, start - leaving.UsedBytes);
            return operation with
            {
                Progress = Paced(operation, new OperationProgress { BytesDone = moved, BytesTotal = start, Percent = Math.Min(99.9, 100.0 * moved / start) }),
            };
        }

        if (removal is { IsFaulted: true } || removal is { IsCanceled: true } || (removal is null && leaving is not null && operation.DevId is not null))
        {
            await RefreshDevicesAsync(pool, mountPoint, ct).ConfigureAwait(false);
            return removal switch
            {
                { IsCanceled: true } => End(operation, PoolOperationState.Cancelled, "Cancelled; the disk stays in the pool."),
                { Exception: { } failed } => End(operation, PoolOperationState.Failed, $"The disk could not be removed: {failed.GetBaseException().Message}"),
                _ => End(operation, PoolOperationState.Interrupted, "The removal stopped when the appliance restarted; the disk is still in the pool. Remove it again."),
            };
        }

        await RefreshDevicesAsync(pool, mountPoint, ct).ConfigureAwait(false);
        return End(operation with { Progress = operation.Progress with { Percent = 100, SecondsLeft = 0 } }, PoolOperationState.Finished, "Done: the disk is out of the pool and can be taken out of the machine.");
    }

    /// <summary>Records the pool's devices as btrfs lists them now (after a removal or a replacement).</summary>
    private async Task RefreshDevicesAsync(Pool pool, string mountPoint, CancellationToken ct)
    {
        if (pool.IsImagePool)
        {
            return;
        }

        var present = (await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false))
            .Where(d => d.Path is not null)
            .OrderBy(d => d.DevId)
            .Select(d => d.Path!)
            .ToList();
        poolStore.Change(pool.Name, p => p with { Devices = present });
    }

    private async Task<bool> MountedAsync(Pool pool, CancellationToken ct) =>
        string.Equals(
            await btrfs.GetMountedFilesystemUuidAsync(layout.PoolMountPoint(pool.Name), ct).ConfigureAwait(false),
            pool.Uuid,
            StringComparison.OrdinalIgnoreCase);

    private OperationProgress Paced(PoolOperation operation, OperationProgress progress) =>
        progress.Paced(time.GetUtcNow() - operation.StartedAt);

    private PoolOperation End(PoolOperation operation, PoolOperationState state, string message) =>
        operation with { State = state, EndedAt = time.GetUtcNow(), Message = message };
}
