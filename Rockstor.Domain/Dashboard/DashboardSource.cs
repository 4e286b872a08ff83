using Rockstor.Domain.Alerts;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Domain.Dashboard.Widgets;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Dashboard;

/// <summary>
/// Gathers a snapshot from the machine's counters, the pools and shares (read from btrfs at most every
/// <see cref="DashboardSettings.StorageRefresh"/>), replication's trails and the alerts. It keeps the
/// previous counters for the rates and the last few minutes of CPU and traffic for the charts, in memory.
/// </summary>
public sealed class DashboardSource(
    ISystemCounters counters,
    PoolService pools,
    ShareService shares,
    ReplicationQueries replication,
    AlertService alerts,
    PoolUsageHistory history,
    DashboardSettings settings,
    TimeProvider time) : IDashboardSource
{
    public const int LargestShareCount = 5;
    public const int NewestAlertCount = 5;

    /// <summary>The gap between two readings when there is no earlier one to measure rates from.</summary>
    public static readonly TimeSpan FirstGap = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<LoadPoint> _recent = new();
    private SystemCounters? _previous;
    /// <summary>How long the very first snapshot waits for the pools and shares before it goes without them.</summary>
    public static readonly TimeSpan FirstStorageWait = TimeSpan.FromSeconds(10);

    private StorageReading? _storage;
    private Task? _refreshing;

    /// <summary>Reading the pools and shares failed (the Web layer logs it); the dashboard shows what it read before.</summary>
    public event Action<Exception>? StorageFailed;

    public async Task<DashboardSnapshot> ReadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var load = await LoadAsync(ct).ConfigureAwait(false);
            var (poolViews, shareViews) = await StorageAsync(ct).ConfigureAwait(false);
            var poolUsage = poolViews
                .Select(p => new PoolUsage(p.Pool.Name, p.Mounted, p.SizeBytes, p.UsedBytes, history.Forecast(p.Pool.Name)))
                .ToList();
            var largest = shareViews
                .OrderByDescending(s => s.UsedBytes)
                .ThenBy(s => s.Share.Name, StringComparer.Ordinal)
                .Take(LargestShareCount)
                .Select(s => new ShareSize(s.Share.Name, s.Share.Pool, s.UsedBytes))
                .ToList();
            return new DashboardSnapshot(load.At, load, _recent.ToList(), poolUsage, largest, Replication(), Alerts(), settings.Version);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SystemLoad> LoadAsync(CancellationToken ct)
    {
        var before = _previous;
        var now = counters.Read();
        // No reading before, one too close for a rate, or one so old (nobody watched meanwhile) that its
        // rate would be an average over minutes: take a fresh pair.
        if (before is null || now.At - before.At < FirstGap / 2 || now.At - before.At > settings.LiveInterval * 3)
        {
            before = now;
            await Task.Delay(FirstGap, time, ct).ConfigureAwait(false);
            now = counters.Read();
        }

        _previous = now;
        var load = SystemLoad.Between(before, now);
        _recent.Enqueue(new LoadPoint(
            load.At,
            load.CpuPercent,
            load.Network.Sum(n => n.ReceivedBytesPerSecond),
            load.Network.Sum(n => n.SentBytesPerSecond)));
        while (_recent.Peek().At < load.At - settings.RecentWindow)
        {
            _recent.Dequeue();
        }

        return load;
    }

    /// <summary>
    /// The pools and shares as last read. A reading older than <see cref="DashboardSettings.StorageRefresh"/>
    /// starts a new one in the background: a slow or stuck btrfs never holds up the machine's live figures.
    /// Only the very first snapshot waits for one, at most <see cref="FirstStorageWait"/>.
    /// </summary>
    private async Task<(IReadOnlyList<PoolView>, IReadOnlyList<ShareView>)> StorageAsync(CancellationToken ct)
    {
        var kept = Volatile.Read(ref _storage);
        if (kept is null || time.GetUtcNow() - kept.At >= settings.StorageRefresh)
        {
            if (_refreshing is null || _refreshing.IsCompleted)
            {
                _refreshing = RefreshStorageAsync();
            }

            if (kept is null)
            {
                await Task.WhenAny(_refreshing, Task.Delay(FirstStorageWait, time, ct)).ConfigureAwait(false);
                kept = Volatile.Read(ref _storage);
            }
        }

        return kept is null ? ([], []) : (kept.Pools, kept.Shares);
    }

    private async Task RefreshStorageAsync()
    {
        var started = time.GetUtcNow();
        try
        {
            var poolViews = await pools.ListAsync(CancellationToken.None).ConfigureAwait(false);
            var shareViews = await shares.ListAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _storage, new StorageReading(started, poolViews, shareViews));
        }
#pragma warning disable CA1031 // whatever went wrong (btrfs, a pool deleted meanwhile), the dashboard keeps what it read last and tries again later
        catch (Exception e)
#pragma warning restore CA1031
        {
            var before = Volatile.Read(ref _storage);
            Volatile.Write(ref _storage, new StorageReading(started, before?.Pools ?? [], before?.Shares ?? []));
            StorageFailed?.Invoke(e);
        }
    }

    private ReplicationGlance Replication()
    {
        var sends = replication.Sends();
        var behind = alerts.List(openOnly: true, take: 1000)
            .Where(a => a.Kind == AlertKind.Stale)
            .Select(a => a.TaskId)
            .Distinct()
            .Count();
        var failure = sends
            .Where(s => s.Latest is { Status: AttemptStatus.Failed })
            .OrderByDescending(s => s.Latest!.EndedAt ?? s.Latest.StartedAt)
            .Select(s => new RunFailure(s.Task.Id, Name(s), s.Latest!.EndedAt ?? s.Latest.StartedAt, s.Latest.Error ?? "The run failed."))
            .FirstOrDefault();
        var running = sends
            .Where(s => s.Latest is { Status: AttemptStatus.Running })
            .Select(s => new RunningRun(s.Task.Id, Name(s), s.Latest!.Percent, s.Latest.BytesPerSecond))
            .ToList();
        return new ReplicationGlance(behind, failure, running);
    }

    private AlertGlance Alerts() =>
        new(alerts.OpenCount(), alerts.List(openOnly: true, take: NewestAlertCount).OrderByDescending(a => a.RaisedAt).ToList());

    private static string Name(SendTaskView send) => $"{send.Task.Share} to {send.TargetHostname}";

    private sealed record StorageReading(DateTimeOffset At, IReadOnlyList<PoolView> Pools, IReadOnlyList<ShareView> Shares);
}
