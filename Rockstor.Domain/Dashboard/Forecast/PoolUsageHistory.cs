namespace Rockstor.Domain.Dashboard.Forecast;

/// <summary>
/// The pools' usage over the last weeks, in memory: samples are added as they are taken and written to
/// the store only in batches (<see cref="Flush"/>, called every flush interval and at shutdown), so the
/// history costs the disk one small write per batch, not one per sample (ADR-036).
/// </summary>
public sealed class PoolUsageHistory(IPoolUsageStore store, DashboardSettings settings, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<PoolUsageSample> _pending = [];
    private List<PoolUsageSample>? _samples;

    /// <summary>Samples taken but not written yet.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Record(IEnumerable<PoolUsageSample> samples)
    {
        lock (_lock)
        {
            var all = Loaded();
            foreach (var sample in samples)
            {
                all.Add(sample);
                _pending.Add(sample);
            }

            var cutoff = time.GetUtcNow() - settings.HistoryKept;
            all.RemoveAll(s => s.At < cutoff);
        }
    }

    /// <summary>A pool's samples within the forecast window, oldest first.</summary>
    public IReadOnlyList<PoolUsageSample> For(string pool)
    {
        lock (_lock)
        {
            var since = time.GetUtcNow() - settings.ForecastWindow;
            return Loaded().Where(s => s.At >= since && string.Equals(s.Pool, pool, StringComparison.Ordinal)).ToList();
        }
    }

    public FillForecast Forecast(string pool) => FillForecast.Of(For(pool));

    /// <summary>Writes the samples taken since the last flush as one batch (nothing when there are none).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            store.Append(_pending.ToList(), time.GetUtcNow() - settings.HistoryKept);
            _pending.Clear();
        }
    }

    private List<PoolUsageSample> Loaded() =>
        _samples ??= store.Load(time.GetUtcNow() - settings.HistoryKept).ToList();
}
