using Rockstor.Domain.Appliances;
using Rockstor.Domain.Disks;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Alerts.Reports;

/// <summary>Gathers the status report of the week that ends now.</summary>
public sealed class StatusReportBuilder(
    PoolService pools,
    DiskService disks,
    ISmartReader smart,
    ReplicationQueries replication,
    AlertService alerts,
    ApplianceIdentity identity,
    TimeProvider time)
{
    public async Task<StatusReport> BuildAsync(CancellationToken ct)
    {
        var to = time.GetUtcNow();
        var from = to.AddDays(-7);
        var health = new List<DiskHealth>();
        foreach (var disk in await disks.ListAsync(ct).ConfigureAwait(false))
        {
            health.Add(new DiskHealth(disk, await smart.ReadAsync(disk.Disk.Path, ct).ConfigureAwait(false)));
        }

        var me = identity.Current;
        return new StatusReport(
            me.Hostname ?? me.Id,
            from,
            to,
            await pools.ListAsync(ct).ConfigureAwait(false),
            health,
            replication.Sends(),
            replication.Receives(),
            alerts.RaisedSince(from),
            alerts.List(openOnly: true, take: 1000));
    }
}
