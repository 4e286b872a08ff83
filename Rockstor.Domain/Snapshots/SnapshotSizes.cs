using System.Collections.Concurrent;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Snapshots;

/// <summary>
/// Snapshots' sizes from btrfs's quota groups, read per pool and kept for a while, so a screen or an API
/// page shows them without reading every quota group at each render. A pool is read again once its
/// sizes are <see cref="FreshFor"/> old, or sooner (after <see cref="NewAfter"/>) when the page asks for a
/// snapshot made since the last read.
/// </summary>
public sealed class SnapshotSizes(IBtrfs btrfs, StorageLayout layout, TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan NewAfter = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Read> _byPool = new(StringComparer.Ordinal);

    /// <summary>The sizes of the given snapshots (a page of them): null for one whose size btrfs does not know (quotas off, just made).</summary>
    public async Task<Func<Snapshot, QgroupSize?>> ForAsync(IReadOnlyCollection<Snapshot> snapshots, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var read = new Dictionary<string, IReadOnlyDictionary<long, QgroupSize>>(StringComparer.Ordinal);
        foreach (var pool in snapshots.GroupBy(s => s.Pool, StringComparer.Ordinal))
        {
            if (!IsFresh(pool.Key, pool, now, out var known))
            {
                known = new Read(now, await btrfs.GetQgroupSizesAsync(layout.PoolMountPoint(pool.Key), ct).ConfigureAwait(false));
                _byPool[pool.Key] = known;
            }

            read[pool.Key] = known.Sizes;
        }

        return Lookup(read);
    }

    /// <summary>The sizes when every pool's are fresh, without reading btrfs (a screen renders them at once); false when some must be read.</summary>
    public bool TryCached(IReadOnlyCollection<Snapshot> snapshots, out Func<Snapshot, QgroupSize?> sizeOf)
    {
        var now = time.GetUtcNow();
        var read = new Dictionary<string, IReadOnlyDictionary<long, QgroupSize>>(StringComparer.Ordinal);
        foreach (var pool in snapshots.GroupBy(s => s.Pool, StringComparer.Ordinal))
        {
            if (!IsFresh(pool.Key, pool, now, out var known))
            {
                sizeOf = _ => null;
                return false;
            }

            read[pool.Key] = known.Sizes;
        }

        sizeOf = Lookup(read);
        return true;
    }

    private bool IsFresh(string pool, IEnumerable<Snapshot> shown, DateTimeOffset now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Read? known)
    {
        known = _byPool.GetValueOrDefault(pool);
        if (known is null)
        {
            return false;
        }

        var age = now - known.At;
        var sizes = known.Sizes;
        var unknown = sizes.Count > 0 && shown.Any(s => s.SubvolumeId != 0 && !sizes.ContainsKey(s.SubvolumeId)); // quotas off: nothing to find sooner
        return age >= TimeSpan.Zero && age < FreshFor && !(unknown && age >= NewAfter);
    }

    private static Func<Snapshot, QgroupSize?> Lookup(Dictionary<string, IReadOnlyDictionary<long, QgroupSize>> read) =>
        snapshot => read.TryGetValue(snapshot.Pool, out var sizes) && sizes.TryGetValue(snapshot.SubvolumeId, out var size) ? size : null;

    private sealed record Read(DateTimeOffset At, IReadOnlyDictionary<long, QgroupSize> Sizes);
}
