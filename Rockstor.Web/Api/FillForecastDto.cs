namespace Rockstor.Web.Api;

/// <summary>When a pool fills at its recent growth, as the API and the hub give it.</summary>
public sealed record FillForecastDto(string Kind, DateTimeOffset? FullAt, double BytesPerDay);
