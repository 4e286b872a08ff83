using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Domain.Dashboard.Widgets;

namespace Rockstor.Domain.Dashboard;

/// <summary>Health at a glance: what the dashboard and <c>GET /api/dashboard</c> show, as of <see cref="At"/>.</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset At,
    SystemLoad Load,
    IReadOnlyList<LoadPoint> Recent,
    IReadOnlyList<PoolUsage> Pools,
    IReadOnlyList<ShareSize> LargestShares,
    ReplicationGlance Replication,
    AlertGlance Alerts,
    string Version);
