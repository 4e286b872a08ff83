using Hangfire;
using Hangfire.Storage;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Infrastructure.Jobs;
using Rockstor.Infrastructure.Jobs.LiteDb;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>The task schedule as Hangfire recurring jobs, on the appliance's job storage in a real file.</summary>
public sealed class SchedulerTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly LiteDbJobStorage _storage;
    private readonly HangfireReplicationScheduler _scheduler;

    public SchedulerTests()
    {
        _storage = new LiteDbJobStorage(Path.Combine(_sandbox.DataDirectory, LiteDbJobStorage.FileName));
        _scheduler = new HangfireReplicationScheduler(new RecurringJobManager(_storage), new BackgroundJobClient(_storage));
    }

    public void Dispose()
    {
        _storage.Dispose();
        _sandbox.Dispose();
    }

    [Theory]
    [InlineData(1, "*/1 * * * *")]
    [InlineData(15, "*/15 * * * *")]
    [InlineData(60, "0 * * * *")]
    [InlineData(360, "0 */6 * * *")]
    [InlineData(1440, "0 0 * * *")]
    public void Every_n_minutes_or_hours_becomes_a_cron_expression(int minutes, string cron) =>
        Assert.Equal(cron, _scheduler.CronOf(minutes, null));

    [Theory]
    [InlineData(0, "at least one minute")]
    [InlineData(7, "does not divide an hour")]
    [InlineData(300, "cannot be scheduled")]
    [InlineData(2880, "cannot be scheduled")]
    public void A_frequency_that_cannot_be_kept_is_refused_with_what_can(int minutes, string says) =>
        Assert.Contains(says, Assert.Throws<ValidationException>(() => _scheduler.CronOf(minutes, null)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * *")]
    [InlineData("")]
    [InlineData("0 0 * * * *")]
    public void A_bad_cron_expression_is_refused(string cron) =>
        Assert.Contains("is not a cron expression", Assert.Throws<ValidationException>(() => _scheduler.CronOf(null, cron)).Message, StringComparison.Ordinal);

    [Fact]
    public void Scheduling_registers_one_recurring_job_per_task_and_unscheduling_removes_it()
    {
        var task = new ReplicationTask { Id = 42, Share = "docs", TargetApplianceId = "0abc", TargetPool = "tank", Cron = "30 2 * * 1", Port = 10002, Keep = 5, Enabled = true, CreatedAt = DateTimeOffset.UtcNow };

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
