using Rockstor.Domain.Dashboard.Widgets;

namespace Rockstor.Web.Api;

/// <summary>
/// A pool's use on the dashboard, and its forecast: <c>kind</c> is "filling", "notFilling" or
/// "notEnoughHistory"; <c>fullAt</c> is set while it fills.
/// </summary>
public sealed record PoolUsageDto(string Name, bool Mounted, long SizeBytes, long UsedBytes, double Percent, FillForecastDto Forecast)
{
    public static PoolUsageDto From(PoolUsage p) => new(
        p.Name,
        p.Mounted,
        p.SizeBytes,
        p.UsedBytes,
        p.Percent,
        new FillForecastDto(char.ToLowerInvariant(p.Forecast.Kind.ToString()[0]) + p.Forecast.Kind.ToString()[1..], p.Forecast.FullAt, Math.Round(p.Forecast.BytesPerDay)));
}
