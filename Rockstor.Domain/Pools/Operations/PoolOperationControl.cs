using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// The admin's hand on an operation in progress: pause, resume and cancel, as far as btrfs allows each
/// kind. Each takes the gate the poller takes and records the request before asking btrfs, so the
/// poller reads btrfs's answer as the admin's doing and never writes over it.
/// </summary>
public sealed class PoolOperationControl(
    PoolService pools,
    PoolOperationService operations,
    IBtrfsOperations btrfsOperations,
    StorageLayout layout,
    RunningCommands commands,
    PoolOperationGate gate,
    TimeProvider time)
{
    /// <summary>Pauses a scrub (btrfs keeps its place) or a balance. The request is recorded first, so the poller reads btrfs's answer as the pause.</summary>
    public async Task<PoolOperation> PauseAsync(string name, long id, CancellationToken ct)
    {
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var operation = RequireState(name, id, PoolOperationState.Running, "running");
        if (operation.Kind is not (PoolOperationKind.Scrub or PoolOperationKind.Balance))
        {
            throw new ConflictException($"btrfs cannot pause a {PoolOperationService.Name(operation.Kind)}; it can be cancelled.");
        }

        var mountPoint = layout.PoolMountPoint(name);
        operations.Save(operation with { Requested = PoolOperationState.Paused });
        try
        {
            await (operation.Kind == PoolOperationKind.Scrub
                ? btrfsOperations.CancelScrubAsync(mountPoint, ct)
                : btrfsOperations.PauseBalanceAsync(mountPoint, ct)).ConfigureAwait(false);
        }
        catch
        {
            operations.Save(operation);
            throw;
        }

        return operations.Save(operation with { State = PoolOperationState.Paused, Requested = PoolOperationState.Paused });
    }

    public async Task<PoolOperation> ResumeAsync(string name, long id, CancellationToken ct)
    {
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var operation = RequireState(name, id, PoolOperationState.Paused, "paused");
        var mountPoint = layout.PoolMountPoint(name);
        if (operation.Kind == PoolOperationKind.Scrub)
        {
            commands.Forget(id);
            commands.Hold(id, await RunningCommands.LaunchAsync(token => btrfsOperations.ResumeScrubAsync(mountPoint, token), time).ConfigureAwait(false));
        }
        else
        {
            await btrfsOperations.ResumeBalanceAsync(mountPoint, ct).ConfigureAwait(false);
        }

        return operations.Save(operation with { State = PoolOperationState.Running, Requested = null });
    }

    /// <summary>
    /// Cancels an operation for good. On a pool that is not mounted (its disk gone, say) there is nothing
    /// to ask btrfs: the record ends, so the pool can be deleted or worked on again.
    /// </summary>
    public async Task<PoolOperation> CancelAsync(string name, long id, CancellationToken ct)
    {
        using var held = await gate.AcquireAsync(ct).ConfigureAwait(false);
        var operation = operations.Require(name, id);
        if (!operation.State.IsActive())
        {
            throw new ConflictException($"The {PoolOperationService.Name(operation.Kind)} has ended already ({operation.State.ToString().ToLowerInvariant()}).");
        }

        if (!await pools.IsMountedAsync(pools.Require(name), ct).ConfigureAwait(false))
        {
            return End(operation, "Cancelled by the admin while the pool was not mounted. btrfs goes on with a balance or a replacement the next time the pool is mounted; cancel it again then.");
        }

        var mountPoint = layout.PoolMountPoint(name);
        if (operation.Kind == PoolOperationKind.RemoveDevice)
        {
            if (!commands.Cancel(id))
            {
                throw new ConflictException("This removal was started before the appliance restarted; btrfs finishes it on its own and it cannot be stopped from here.");
            }

            // The poller ends it once btrfs has stopped and put the disk back.
            return operations.Save(operation with { Requested = PoolOperationState.Cancelled });
        }

        operations.Save(operation with { Requested = PoolOperationState.Cancelled });
        try
        {
            switch (operation.Kind)
            {
                case PoolOperationKind.Scrub when operation.State == PoolOperationState.Running:
                    await btrfsOperations.CancelScrubAsync(mountPoint, ct).ConfigureAwait(false);
                    break;
                case PoolOperationKind.Balance:
                    await btrfsOperations.CancelBalanceAsync(mountPoint, ct).ConfigureAwait(false);
                    break;
                case PoolOperationKind.Replace:
                    await btrfsOperations.CancelReplaceAsync(mountPoint, ct).ConfigureAwait(false);
                    break;
            }
        }
        catch
        {
            operations.Save(operation);
            throw;
        }

        return End(operation, "Cancelled by the admin.");
    }

    private PoolOperation End(PoolOperation operation, string message)
    {
        commands.Forget(operation.Id);
        return operations.Save(operation with
        {
            State = PoolOperationState.Cancelled,
            Requested = PoolOperationState.Cancelled,
            EndedAt = time.GetUtcNow(),
            Message = message,
        });
    }

    private PoolOperation RequireState(string name, long id, PoolOperationState state, string word)
    {
        var operation = operations.Require(name, id);
        return operation.State == state
            ? operation
            : throw new ConflictException($"The {PoolOperationService.Name(operation.Kind)} is {operation.State.ToString().ToLowerInvariant()}, not {word}.");
    }
}
