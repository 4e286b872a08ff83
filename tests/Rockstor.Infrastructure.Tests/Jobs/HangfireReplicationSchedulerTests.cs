using Hangfire;
using Hangfire.Storage;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Retention;
using Rockstor.Infrastructure.Jobs;
using Rockstor.Infrastructure.Jobs.LiteDb;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Jobs;

/// <summary>The task schedule as Hangfire recurring jobs, on the appliance's job storage in a real file.</summary>
public sealed class HangfireReplicationSchedulerTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly LiteDbJobStorage _storage;
    private readonly HangfireReplicationScheduler _scheduler;
    private readonly TaskSchedule _schedule = new(new CronosCalendar());

    public HangfireReplicationSchedulerTests()
    {
        HangfireGlobals.Forget(); // an earlier test's container may have made Hangfire's logger its own
        _storage = new LiteDbJobStorage(Path.Combine(_sandbox.DataDirectory, LiteDbJobStorage.FileName));
        _scheduler = new HangfireReplicationScheduler(new RecurringJobManager(_storage), new BackgroundJobClient(_storage), _schedule);
    }

    public void Dispose()
    {
        _storage.Dispose();
        _sandbox.Dispose();
    }

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * *")]
    [InlineData("")]
    [InlineData("0 0 * * * *")]
    [InlineData("0 25 * * *")]
    public void A_bad_cron_expression_is_refused(string cron) =>
        Assert.Contains("is not a cron expression", Assert.Throws<ValidationException>(() => _schedule.CronOf(null, cron)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("@daily")]
    [InlineData("0\t0 * * *")]
    public void A_macro_or_fields_apart_by_tabs_run_as_cronos_reads_them(string cron)
    {
        var from = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        var runs = _schedule.Occurrences(null, cron, from, from.AddDays(2)).ToList();

        Assert.Equal([new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)], runs);
    }

    [Fact]
    public void A_cron_expression_runs_when_it_says_in_utc()
    {
        var from = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

        var runs = _schedule.Occurrences(null, "30 2 * * 1", from, from.AddDays(14)).ToList();

        Assert.Equal([new DateTimeOffset(2026, 11, 30, 2, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 2, 30, 0, TimeSpan.Zero)], runs);
    }

    [Fact]
    public void Scheduling_registers_one_recurring_job_per_task_and_unscheduling_removes_it()
    {
        var task = new ReplicationTask { Id = 42, Share = "docs", TargetApplianceId = "0abc", TargetPool = "tank", Cron = "30 2 * * 1", Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };

        _scheduler.Schedule(task);
        _scheduler.Schedule(task); // again, as at every start-up: still one job

        using var connection = _storage.GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs());
        Assert.Equal(("replication-task-42", "30 2 * * 1"), (job.Id, job.Cron));
        Assert.Equal(nameof(ReplicationJob.RunAsync), job.Job.Method.Name);
        Assert.Equal(42, job.Job.Args[0]);

        _scheduler.Unschedule(42);

        Assert.Empty(connection.GetRecurringJobs());
    }

    [Fact]
    public void Run_now_queues_a_run_of_the_task()
    {
        _scheduler.RunNow(7);

        var enqueued = _storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10);
        var job = Assert.Single(enqueued).Value.Job;
        Assert.Equal(7, job.Args[0]);
    }
}
