using Rockstor.Domain.Dashboard.Forecast;

namespace Rockstor.Domain.Dashboard.Widgets;

/// <summary>A pool's size and use now, and when it fills at its recent growth.</summary>
public sealed record PoolUsage(string Name, bool Mounted, long SizeBytes, long UsedBytes, FillForecast Forecast)
{
    public double Percent => SizeBytes <= 0 ? 0 : Math.Round(100.0 * UsedBytes / SizeBytes, 1);
}
