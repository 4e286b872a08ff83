using Cronos;
using Hangfire;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>One Hangfire recurring job per replication task; the store stays the source of truth.</summary>
public sealed class HangfireReplicationScheduler(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IReplicationScheduler
{
    private const int MinutesPerDay = 24 * 60;

    public static string RecurringJobId(int taskId) => $"replication-task-{taskId}";

    public string CronOf(int? frequencyMinutes, string? cron)
    {
        if (frequencyMinutes is { } minutes)
        {
            return minutes switch
            {
                < 1 => throw new ValidationException("The frequency must be at least one minute."),
                < 60 when 60 % minutes == 0 => $"*/{minutes} * * * *",
                < 60 => throw new ValidationException($"Every {minutes} minutes does not divide an hour: use 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30, whole hours, or a cron expression."),
                < MinutesPerDay when minutes % 60 == 0 && 24 % (minutes / 60) == 0 => minutes == 60 ? "0 * * * *" : $"0 */{minutes / 60} * * *",
                MinutesPerDay => "0 0 * * *",
                _ => throw new ValidationException($"Every {minutes} minutes cannot be scheduled: use minutes that divide an hour, hours that divide a day (60, 120, 180, 240, 360, 480, 720), a day (1440), or a cron expression."),
            };
        }

        var expression = cron?.Trim() ?? "";
        try
        {
            CronExpression.Parse(expression, CronFormat.Standard);
            return expression;
        }
        catch (CronFormatException e)
        {
            throw new ValidationException($"'{Echo.Of(expression)}' is not a cron expression of five fields (minute hour day-of-month month day-of-week): {e.Message}");
        }
    }

    public IEnumerable<DateTimeOffset> Occurrences(int? frequencyMinutes, string? cron, DateTimeOffset from, DateTimeOffset to) =>
        CronExpression.Parse(CronOf(frequencyMinutes, cron), CronFormat.Standard)
            .GetOccurrences(from.UtcDateTime, to.UtcDateTime, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: false)
            .Select(o => new DateTimeOffset(o, TimeSpan.Zero));

    public void Schedule(ReplicationTask task) =>
        recurring.AddOrUpdate<ReplicationJob>(
            RecurringJobId(task.Id),
            job => job.RunAsync(task.Id, CancellationToken.None),
            CronOf(task.FrequencyMinutes, task.Cron),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    public void Unschedule(int taskId) => recurring.RemoveIfExists(RecurringJobId(taskId));

    public void RunNow(int taskId) => jobs.Enqueue<ReplicationJob>(job => job.RunNowAsync(taskId, CancellationToken.None));

    public void SendBack(int replicaId, string snapshot, string code) =>
        jobs.Enqueue<FailbackJob>(job => job.RunAsync(replicaId, snapshot, code, CancellationToken.None));
}
