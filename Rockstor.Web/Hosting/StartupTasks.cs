using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Failback;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Infrastructure;

namespace Rockstor.Web.Hosting;

/// <summary>
/// At start: make or load the appliance's identity, mount every known pool, settle what a crash left of
/// replication, and register every task's schedule again from the store.
/// </summary>
public sealed class StartupTasks(
    ApplianceIdentity identity,
    PoolService pools,
    ITrailRepository trails,
    ReplicaReceiver receiver,
    FailbackReceiver failbacks,
    ReplicationTaskService tasks,
    TimeProvider time,
    IOptions<RockstorOptions> options,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = string.IsNullOrWhiteSpace(options.Value.ApplianceId) ? null : options.Value.ApplianceId.Trim();
        var appliance = identity.Ensure(configured);
        logger.LogInformation("Appliance {ApplianceId} ({Hostname}) starting", appliance.Id, appliance.Hostname ?? "not set up yet");
        foreach (var failure in await pools.MountAllAsync(cancellationToken))
        {
            logger.LogError("{Failure}", failure);
        }

        // A crash leaves attempts "running" and perhaps half a received subvolume: settle both.
        foreach (var side in Enum.GetValues<TrailSide>())
        {
            var interrupted = trails.FailUnfinished(side, "Interrupted: the appliance stopped during this attempt.", time.GetUtcNow());
            if (interrupted > 0)
            {
                logger.LogWarning("Marked {Count} unfinished {Side} attempts as interrupted", interrupted, side);
            }
        }

        await receiver.DiscardUnfinishedAsync(cancellationToken);
        foreach (var spool in await receiver.DeleteAbandonedSpoolsAsync(cancellationToken))
        {
            logger.LogInformation("Deleted the spool {Spool}: nothing came for it in {Days} days", spool, ReplicationRules.AbandonedSpoolAge.TotalDays);
        }

        await failbacks.DiscardUnfinishedAsync(cancellationToken);
        tasks.ScheduleAll();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
