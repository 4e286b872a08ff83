namespace Rockstor.Web.Api;

/// <summary>How many alerts are open, and the newest of them.</summary>
public sealed record DashboardAlertsDto(int Open, IReadOnlyList<AlertDto> Newest);
