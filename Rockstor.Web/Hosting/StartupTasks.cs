using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Schedules;
using Rockstor.Infrastructure;

namespace Rockstor.Web.Hosting;

/// <summary>
/// At start: make or load the appliance's identity, mount every known pool, settle what a crash left of
/// replication, and register every task's, snapshot schedule's and scrub schedule's times again from the store.
/// </summary>
public sealed class StartupTasks(
    ApplianceIdentity identity,
    PoolService pools,
    ReplicationRecovery recovery,
    ReplicationTaskService tasks,
    SnapshotScheduleService snapshotSchedules,
    Domain.Pools.Scrubs.ScrubScheduleService scrubSchedules,
    Domain.Disks.Smart.SelfTestScheduleService selfTestSchedules,
    Domain.Alerts.Reports.WeeklyReportService weeklyReport,
    Domain.Updates.UpdateService updates,
    Domain.Updates.IUpdateScheduler updateScheduler,
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

        // A crash leaves attempts "running", perhaps half a received subvolume or failback, stale spools.
        var recovered = await recovery.RecoverAsync(cancellationToken);
        foreach (var (side, count) in recovered.Interrupted.Where(i => i.Value > 0))
        {
            logger.LogWarning("Marked {Count} unfinished {Side} attempts as interrupted", count, side);
        }

        foreach (var spool in recovered.AbandonedSpools)
        {
            logger.LogInformation("Deleted the spool {Spool}: nothing came for it in {Days} days", spool, ReplicationRules.AbandonedSpoolAge.TotalDays);
        }

        tasks.ScheduleAll();
        snapshotSchedules.ScheduleAll();
        scrubSchedules.ScheduleAll();
        selfTestSchedules.ScheduleAll();
        weeklyReport.Schedule();
        updateScheduler.Schedule(updates.Settings());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
