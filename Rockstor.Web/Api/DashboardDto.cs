using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Domain.Dashboard.Widgets;

namespace Rockstor.Web.Api;

/// <summary>The dashboard's widgets as <c>GET /api/dashboard</c> and the <c>/hubs/dashboard</c> hub give them.</summary>
public sealed record DashboardDto(
    DateTimeOffset At,
    DashboardCpuDto Cpu,
    MemoryUsage Memory,
    IReadOnlyList<NetworkRate> Network,
    IReadOnlyList<DiskRate> Disks,
    IReadOnlyList<PoolUsageDto> Pools,
    IReadOnlyList<ShareSize> LargestShares,
    ReplicationGlance Replication,
    DashboardAlertsDto Alerts,
    double UptimeSeconds,
    string Version,
    IReadOnlyList<LoadPoint> Recent)
{
    public static DashboardDto From(DashboardSnapshot s) => new(
        s.At,
        new DashboardCpuDto(Math.Round(s.Load.CpuPercent, 1)),
        s.Load.Memory,
        s.Load.Network,
        s.Load.Disks,
        s.Pools.Select(PoolUsageDto.From).ToList(),
        s.LargestShares,
        s.Replication,
        new DashboardAlertsDto(s.Alerts.Open, s.Alerts.Newest.Select(AlertDto.From).ToList()),
        Math.Round(s.Load.UptimeSeconds),
        s.Version,
        s.Recent);
}
