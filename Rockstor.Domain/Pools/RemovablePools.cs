namespace Rockstor.Domain.Pools;

/// <summary>
/// Mounts a removable pool for the time something writes to it, and unmounts it after, so its disk can be
/// pulled: the first user mounts it, the last one unmounts it. A pool the admin mounted is left mounted.
/// </summary>
public sealed class RemovablePools(IPoolRepository pools, PoolService poolService)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);

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

        lock (_lock)
        {
            if (_users.TryGetValue(name, out var users) && users > 0)
            {
                _users[name] = users + 1;
                return new Hold(this, pool);
            }
        }

        if (await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
        {
            return Hold.None; // mounted by the admin: theirs to unmount
        }

        if (!await poolService.MountIfPresentAsync(pool, ct).ConfigureAwait(false))
        {
            throw new RemovableDiskAbsentException(
                $"The disk of removable pool '{name}' is not plugged in, so this run is skipped. Plug it in and run the task now, or its next run finds it.");
        }

        lock (_lock)
        {
            _users[name] = _users.GetValueOrDefault(name) + 1;
        }

        return new Hold(this, pool);
    }

    private async ValueTask ReleaseAsync(Pool pool)
    {
        lock (_lock)
        {
            var users = _users.GetValueOrDefault(pool.Name) - 1;
            _users[pool.Name] = Math.Max(0, users);
            if (users > 0)
            {
                return;
            }
        }

        try
        {
            await poolService.UnmountRemovableAsync(pool, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Common.StorageCommandException)
        {
            // Busy (someone is reading it): it stays mounted, as the Pools screen shows; what was written is done.
        }
    }

    private sealed class Hold(RemovablePools? owner, Pool? pool) : IAsyncDisposable
    {
        public static readonly Hold None = new(null, null);

        private int _released;

        public ValueTask DisposeAsync() =>
            owner is null || pool is null || Interlocked.Exchange(ref _released, 1) == 1 ? ValueTask.CompletedTask : owner.ReleaseAsync(pool);
    }
}
