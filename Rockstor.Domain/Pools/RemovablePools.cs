using System.Collections.Concurrent;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Pools;

/// <summary>
/// Mounts a removable pool for the time something writes to it, and unmounts it after, so its disk can be
/// pulled: the first user mounts it, the last one unmounts it, one decision at a time per pool. A pool the
/// admin mounted is theirs and stays mounted; one whose unmount failed (it was busy) is tried again by the
/// next user's end, or ejected from the Pools screen.
/// </summary>
public sealed class RemovablePools(IPoolRepository pools, PoolService poolService)
{
    private readonly ConcurrentDictionary<string, Use> _uses = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes the pool ready to be written for as long as the returned hold is not disposed. Nothing to do
    /// for a pool that is not removable; <see cref="RemovableDiskAbsentException"/> when its disk is not there.
    /// </summary>
    public async Task<IAsyncDisposable> UseAsync(string name, CancellationToken ct)
    {
        if (pools.Find(name) is not { Removable: true } pool)
        {
            return Hold.None;
        }

        var use = _uses.GetOrAdd(name, _ => new Use());
        await use.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (use.Users == 0)
            {
                if (!await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
                {
                    if (!await poolService.MountIfPresentAsync(pool, ct).ConfigureAwait(false))
                    {
                        throw new RemovableDiskAbsentException(
                            $"The disk of removable pool '{name}' is not plugged in, so this run is skipped. Plug it in and run the task now, or its next run finds it.");
                    }

                    use.Ours = true;
                }

                // Mounted already: by the admin (theirs), or by an earlier run whose unmount failed (still ours).
            }

            use.Users++;
            return new Hold(this, pool, use);
        }
        finally
        {
            use.Gate.Release();
        }
    }

    /// <summary>Unmounts a removable pool now (after the admin mounted it, or an unmount that failed), unless a task is writing to it.</summary>
    public async Task EjectAsync(string name, CancellationToken ct)
    {
        var pool = poolService.Require(name);
        if (!pool.Removable)
        {
            throw new ConflictException($"Pool '{name}' is not removable: it stays mounted.");
        }

        var use = _uses.GetOrAdd(name, _ => new Use());
        await use.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (use.Users > 0)
            {
                throw new ConflictException($"A task is writing to pool '{name}': cancel its run or let it end, then eject the disk.");
            }

            await poolService.UnmountRemovableAsync(pool, ct).ConfigureAwait(false);
            use.Ours = false;
        }
        finally
        {
            use.Gate.Release();
        }
    }

    private async ValueTask ReleaseAsync(Pool pool, Use use)
    {
        await use.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            use.Users--;
            if (use.Users > 0 || !use.Ours)
            {
                return;
            }

            try
            {
                await poolService.UnmountRemovableAsync(pool, CancellationToken.None).ConfigureAwait(false);
                use.Ours = false;
            }
            catch (StorageCommandException)
            {
                // Busy (someone reads it): it stays mounted, as the Pools screen shows, and the next end tries again.
            }
        }
        finally
        {
            use.Gate.Release();
        }
    }

    /// <summary>Who uses a removable pool now, and whether it was mounted for them (so theirs to unmount).</summary>
    private sealed class Use
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Ours { get; set; }
    }

    private sealed class Hold(RemovablePools? owner, Pool? pool, Use? use) : IAsyncDisposable
    {
        public static readonly Hold None = new(null, null, null);

        private int _released;

        public ValueTask DisposeAsync() =>
            owner is null || Interlocked.Exchange(ref _released, 1) == 1 ? ValueTask.CompletedTask : owner.ReleaseAsync(pool!, use!);
    }
}
