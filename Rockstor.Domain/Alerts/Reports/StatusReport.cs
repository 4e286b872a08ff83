using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Alerts.Reports;

/// <summary>
/// The appliance's state in one message, for the weekly status mail: its pools, disks, replication tasks
/// both ways, the alerts raised in the week and those still open.
/// </summary>
public sealed record StatusReport(
    string Appliance,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<PoolView> Pools,
    IReadOnlyList<DiskHealth> Disks,
    IReadOnlyList<SendTaskView> Sends,
    IReadOnlyList<ReceiveView> Receives,
    IReadOnlyList<Alert> RaisedInTheWeek,
    IReadOnlyList<Alert> Open)
{
    /// <summary>One line that says whether anything needs the admin: the mail's subject.</summary>
    public string Headline => Open.Count == 0
        ? "all is well"
        : $"{Open.Count} open alert{(Open.Count == 1 ? "" : "s")}";
}
