namespace Rockstor.Web.Api;

/// <summary>How busy the processors were over the last few seconds, 0 to 100.</summary>
public sealed record DashboardCpuDto(double Percent);
