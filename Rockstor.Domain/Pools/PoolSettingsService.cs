using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Pools.Scrubs;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

/// <summary>
/// Applies a change of a pool's settings as a whole: everything is checked before anything is applied,
/// and the raid change (the one btrfs may still refuse) goes first, so a refusal leaves the rest as it was.
/// </summary>
public sealed class PoolSettingsService(PoolService pools, PoolOperationService operations, ScrubScheduleService scrubs)
{
    public async Task<(PoolView Pool, PoolOperation? Operation)> ChangeAsync(string name, PoolSettingsChange change, CancellationToken ct)
    {
        var pool = pools.Require(name);
        if (change.Compression is not null || change.MountOptions is not null)
        {
            PoolMountOptions.Parse(change.Compression ?? pool.MountOptions.Compression ?? "off", change.MountOptions ?? pool.MountOptions.Options);
        }

        scrubs.Check(change.ScrubSchedule);
        RaidLevel? data = change.RaidLevel is null ? null : RaidLevels.Parse(change.RaidLevel);
        RaidLevel? metadata = change.MetadataRaidLevel is null ? null : RaidLevels.Parse(change.MetadataRaidLevel);

        var converting = data is null && metadata is null ? null : await operations.BalanceAsync(name, data, metadata, change.Confirm, ct).ConfigureAwait(false);
        if (change.ScrubSchedule is not null)
        {
            await scrubs.SetAsync(name, change.ScrubSchedule, ct).ConfigureAwait(false);
        }

        var view = change.Compression is null && change.MountOptions is null
            ? await pools.GetAsync(name, ct).ConfigureAwait(false)
            : await pools.SetMountOptionsAsync(name, change.Compression, change.MountOptions, ct).ConfigureAwait(false);
        return (view, converting ?? operations.Active(name));
    }
}
