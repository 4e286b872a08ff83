namespace Rockstor.Domain.Dashboard.Forecast;

/// <summary>
/// When a pool fills at the growth of its recent history: a least-squares line through its used bytes
/// over time, carried on from the newest sample until the pool's size. It knows nothing of what is planned
/// (a big copy tomorrow), nor of deletions to come; snapshots that keep deleted data show as growth.
/// </summary>
public sealed record FillForecast(ForecastKind Kind, DateTimeOffset? FullAt, double BytesPerDay)
{
    /// <summary>
    /// The least time the samples must span before a line through them means anything: a day, so that one
    /// big copy in a new pool's first hour does not say it fills tomorrow.
    /// </summary>
    public static readonly TimeSpan MinimumSpan = TimeSpan.FromDays(1);

    /// <summary>A pool that would take longer than this to fill is said not to be filling.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(10 * 365);

    public static FillForecast NotEnough { get; } = new(ForecastKind.NotEnoughHistory, null, 0);

    /// <summary>The forecast from a pool's samples (any order); the newest gives its size and where the line starts.</summary>
    public static FillForecast Of(IReadOnlyList<PoolUsageSample> samples)
    {
        if (samples.Count < 2)
        {
            return NotEnough;
        }

        var ordered = samples.OrderBy(s => s.At).ToList();
        var (first, newest) = (ordered[0], ordered[^1]);
        if (newest.At - first.At < MinimumSpan)
        {
            return NotEnough;
        }

        // Least squares over (days since the first sample, used bytes).
        var xs = ordered.Select(s => (s.At - first.At).TotalDays).ToList();
        var ys = ordered.Select(s => (double)s.UsedBytes).ToList();
        var (meanX, meanY) = (xs.Average(), ys.Average());
        double covariance = 0, variance = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            covariance += (xs[i] - meanX) * (ys[i] - meanY);
            variance += (xs[i] - meanX) * (xs[i] - meanX);
        }

        var bytesPerDay = variance == 0 ? 0 : covariance / variance;
        if (bytesPerDay <= 0)
        {
            return new FillForecast(ForecastKind.NotFilling, null, bytesPerDay);
        }

        var left = Math.Max(0, newest.SizeBytes - newest.UsedBytes);
        var days = left / bytesPerDay;
        if (days > Horizon.TotalDays)
        {
            return new FillForecast(ForecastKind.NotFilling, null, bytesPerDay);
        }

        return new FillForecast(ForecastKind.Filling, newest.At + TimeSpan.FromDays(days), bytesPerDay);
    }
}
