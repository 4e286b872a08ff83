using Rockstor.Domain.Alerts;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Health;

/// <summary>
/// Alerts about what threatens a pool's data: a scrub that found bad blocks (resolved by a clean scrub),
/// and btrfs's error counters of a device that grew since last looked at (resolved once they are reset).
/// The counters last seen are kept with the pool, so growth is noticed across restarts too. A pool
/// running without one of its disks, or not mounted (resolved once all its disks are there). And a pool
/// fuller than the warning threshold, then the critical one (resolved once it is below the warning).
/// </summary>
public sealed class PoolAlerts(IPoolRepository pools, IBtrfs btrfs, StorageLayout layout, AlertService alerts)
{
    private HashSet<string> _unmountedLastCheck = new(StringComparer.Ordinal);

    /// <summary>
    /// After an operation: a scrub that found errors raises the pool's scrub alert however it ended; one
    /// that went through the whole pool without any resolves it.
    /// </summary>
    public Task OperationEndedAsync(PoolOperation operation, CancellationToken ct)
    {
        if (operation.Kind != PoolOperationKind.Scrub || (operation.State != PoolOperationState.Finished && operation.Progress.ErrorsFound == 0))
        {
            return Task.CompletedTask;
        }

        return operation.Progress.ErrorsFound > 0
            ? alerts.RaiseForPoolAsync(
                AlertKind.ScrubErrors,
                operation.Pool,
                $"The scrub that ended {operation.EndedAt:yyyy-MM-dd HH:mm} UTC found {operation.Progress.ErrorsFound} error(s), {operation.Progress.ErrorsCorrected} corrected. {operation.Message} A disk that returns bad blocks may be failing: look at its error counters on the pool's page and its SMART data, and replace it if they grow.",
                ct)
            : alerts.ResolveForPoolAsync(AlertKind.ScrubErrors, operation.Pool, ct);
    }

    /// <summary>
    /// Compares every mounted pool's device error counters with those last seen, and looks for a pool
    /// running without one of its disks, or not mounted at all (seen so at two checks in a row, so a pool
    /// being made or imported is not taken for a lost one).
    /// </summary>
    public async Task CheckDevicesAsync(CancellationToken ct)
    {
        var unmounted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in pools.List())
        {
            var mountPoint = layout.PoolMountPoint(pool.Name);
            if (!string.Equals(await btrfs.GetMountedFilesystemUuidAsync(mountPoint, ct).ConfigureAwait(false), pool.Uuid, StringComparison.OrdinalIgnoreCase))
            {
                if (!pool.Removable)
                {
                    unmounted.Add(pool.Name);
                    if (_unmountedLastCheck.Contains(pool.Name))
                    {
                        await TellAsync(
                                AlertKind.Degraded,
                                pool.Name,
                                "is not mounted",
                                $"Pool '{pool.Name}' is not mounted, so its shares are not served and nothing is written to it. If one of its disks is missing, mount it degraded from the pool's page (it asks first) and replace the disk; if the disks are all there, mount it there and read why it failed.",
                                ct)
                            .ConfigureAwait(false);
                    }
                }

                continue;
            }

            IReadOnlyList<PoolDevice> devices;
            try
            {
                devices = await btrfs.ListDevicesAsync(mountPoint, ct).ConfigureAwait(false);
            }
            catch (StorageCommandException)
            {
                continue;
            }

            await CheckErrorsAsync(pool, devices, ct).ConfigureAwait(false);
            await CheckMissingAsync(pool, devices, ct).ConfigureAwait(false);
        }

        _unmountedLastCheck = unmounted;

        // A pool that was deleted (or forgotten) threatens nothing any more; the admin did it, so no one is told.
        var known = pools.List().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in alerts.List(openOnly: true, take: 1000).Where(a => a.Pool is { } name && !known.Contains(name)))
        {
            await alerts.ResolveForPoolAsync(orphan.Kind, orphan.Pool!, ct, tell: false).ConfigureAwait(false);
        }
    }

    /// <summary>Compares every mounted pool's fill with the thresholds: one alert per level crossed, resolved below the warning.</summary>
    public async Task CheckCapacityAsync(CancellationToken ct)
    {
        var settings = alerts.Settings();
        foreach (var pool in pools.List())
        {
            var mountPoint = layout.PoolMountPoint(pool.Name);
            if (!string.Equals(await btrfs.GetMountedFilesystemUuidAsync(mountPoint, ct).ConfigureAwait(false), pool.Uuid, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            FilesystemUsage usage;
            try
            {
                usage = await btrfs.GetUsageAsync(mountPoint, ct).ConfigureAwait(false);
            }
            catch (StorageCommandException)
            {
                continue;
            }

            var percent = usage.SizeBytes > 0 ? 100.0 * usage.UsedBytes / usage.SizeBytes : 0;
            var threshold = percent >= settings.CapacityCriticalPercent ? settings.CapacityCriticalPercent
                : percent >= settings.CapacityWarnPercent ? settings.CapacityWarnPercent
                : (int?)null;
            var open = alerts.OpenFor(AlertKind.Capacity, pool.Name);
            if (threshold is null)
            {
                if (open is not null)
                {
                    await alerts.ResolveForPoolAsync(AlertKind.Capacity, pool.Name, ct).ConfigureAwait(false);
                }

                continue;
            }

            var past = $"past {threshold}%";
            await TellAsync(
                    AlertKind.Capacity,
                    pool.Name,
                    past,
                    $"Pool '{pool.Name}' is {percent:0}% full ({Bytes.Format(usage.UsedBytes)} of {Bytes.Format(usage.SizeBytes)}), {past}"
                    + (threshold == settings.CapacityCriticalPercent ? ", the critical threshold" : ", the warning threshold")
                    + ". A full btrfs pool stops taking writes and snapshots: delete snapshots it no longer needs (they hold what was deleted since), move shares to another pool, or add disks.",
                    ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Raises the pool's alert of this kind once; an open one that says something else is replaced (the admin hears of the change).</summary>
    private Task TellAsync(AlertKind kind, string pool, string marker, string message, CancellationToken ct) =>
        alerts.RaiseForPoolAsync(kind, pool, message, ct, replaceUnlessItSays: marker);

    /// <summary>A missing device raises the pool's degraded alert; all devices there (after a replace) resolve it.</summary>
    private async Task CheckMissingAsync(Pool pool, IReadOnlyList<PoolDevice> devices, CancellationToken ct)
    {
        var missing = devices.Where(d => d.Missing).ToList();
        if (missing.Count == 0)
        {
            if (alerts.OpenFor(AlertKind.Degraded, pool.Name) is not null)
            {
                await alerts.ResolveForPoolAsync(AlertKind.Degraded, pool.Name, ct).ConfigureAwait(false);
            }

            return;
        }

        var which = string.Join(", ", missing.Select(d => $"device {d.DevId}"));
        await TellAsync(
                AlertKind.Degraded,
                pool.Name,
                "runs degraded",
                $"Pool '{pool.Name}' runs degraded: {which} of its {devices.Count} is missing. Until it is replaced the pool has less redundancy than it was made with, and one more failure can lose data. "
                + "Replace the missing disk from the pool's page (Replace disk), or remove it if the others have room; then run a scrub.",
                ct)
            .ConfigureAwait(false);
    }

    private async Task CheckErrorsAsync(Pool pool, IReadOnlyList<PoolDevice> devices, CancellationToken ct)
    {
        // Only counts above zero are kept: a clean pool's record is never written by this check (idle I/O).
        var now = devices.Where(d => d.Errors.Total > 0).ToDictionary(d => d.DevId, d => d.Errors.Total);
        var grown = devices.Where(d => d.Errors.Total > pool.SeenDeviceErrors.GetValueOrDefault(d.DevId)).ToList();
        if (grown.Count > 0)
        {
            var lines = grown.Select(d =>
                $"{d.Path ?? $"device {d.DevId}"}: {d.Errors.Total - pool.SeenDeviceErrors.GetValueOrDefault(d.DevId)} more " +
                $"(now {d.Errors.Read} read, {d.Errors.Write} write, {d.Errors.Flush} flush, {d.Errors.Corruption} corruption, {d.Errors.Generation} generation)");
            await alerts.RaiseForPoolAsync(
                    AlertKind.DeviceErrors,
                    pool.Name,
                    $"btrfs counted new errors on {string.Join("; ", lines)}. Run a scrub to repair what it can, look at the disk's SMART data, and replace a disk whose counters keep growing. "
                    + "Once dealt with, reset the counters on the pool's page.",
                    ct)
                .ConfigureAwait(false);
        }
        else if (now.Count == 0 && alerts.OpenFor(AlertKind.DeviceErrors, pool.Name) is not null)
        {
            await alerts.ResolveForPoolAsync(AlertKind.DeviceErrors, pool.Name, ct).ConfigureAwait(false);
        }

        if (!now.OrderBy(kv => kv.Key).SequenceEqual(pool.SeenDeviceErrors.OrderBy(kv => kv.Key)))
        {
            pools.Change(pool.Name, p => p with { SeenDeviceErrors = now });
        }
    }
}
