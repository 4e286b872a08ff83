namespace Rockstor.Domain.Dashboard.Forecast;

/// <summary>How full a pool was at one moment: the points its fill forecast is fitted to.</summary>
public sealed record PoolUsageSample(string Pool, DateTimeOffset At, long UsedBytes, long SizeBytes);
