using Hangfire;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>One Hangfire recurring job per replication task; the store stays the source of truth.</summary>
public sealed class HangfireReplicationScheduler(IRecurringJobManager recurring, IBackgroundJobClient jobs, TaskSchedule schedule) : IReplicationScheduler
{
    public static string RecurringJobId(int taskId) => $"replication-task-{taskId}";

    public void Schedule(ReplicationTask task) =>
        recurring.AddOrUpdate<ReplicationJob>(
            RecurringJobId(task.Id),
            job => job.RunAsync(task.Id, CancellationToken.None),
            schedule.CronOf(task.FrequencyMinutes, task.Cron),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    public void Unschedule(int taskId) => recurring.RemoveIfExists(RecurringJobId(taskId));

    public void RunNow(int taskId) => jobs.Enqueue<ReplicationJob>(job => job.RunNowAsync(taskId, CancellationToken.None));

    public void SendBack(int replicaId, string snapshot, string code) =>
        jobs.Enqueue<FailbackJob>(job => job.RunAsync(replicaId, snapshot, code, CancellationToken.None));
}
