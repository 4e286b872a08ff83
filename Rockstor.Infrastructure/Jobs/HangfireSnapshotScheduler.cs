using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Schedules;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>One Hangfire recurring job per snapshot schedule; the store stays the source of truth.</summary>
public sealed class HangfireSnapshotScheduler(
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    TaskSchedule schedule,
    IOptions<RockstorOptions> options) : ISnapshotScheduler
{
    public static string RecurringJobId(int scheduleId) => $"snapshot-schedule-{scheduleId}";

    public void Schedule(SnapshotSchedule snapshots) =>
        recurring.AddOrUpdate<SnapshotScheduleJob>(
            RecurringJobId(snapshots.Id),
            job => job.RunAsync(snapshots.Id, CancellationToken.None),
            CronOf(snapshots),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    public void Unschedule(int scheduleId) => recurring.RemoveIfExists(RecurringJobId(scheduleId));

    public void RunNow(int scheduleId) => jobs.Enqueue<SnapshotScheduleJob>(job => job.RunNowAsync(scheduleId, CancellationToken.None));

    /// <summary>The schedule's cron; with the test setting, "every N minutes" becomes every N × that many seconds (six fields).</summary>
    private string CronOf(SnapshotSchedule snapshots)
    {
        var cron = schedule.CronOf(snapshots.FrequencyMinutes, snapshots.Cron);
        var seconds = options.Value.SnapshotScheduleSecondsPerMinute;
        return seconds > 0 && snapshots.FrequencyMinutes is { } minutes && minutes * seconds < 60
            ? string.Create(CultureInfo.InvariantCulture, $"*/{minutes * seconds} * * * * *")
            : cron;
    }
}
