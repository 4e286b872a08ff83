using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Rockstor.Infrastructure.Jobs.LiteDb;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Jobs.LiteDb;

/// <summary>Hangfire on the LiteDB job storage, driven by a real BackgroundJobServer over a real file.</summary>
public sealed class LiteDbJobStorageTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly string _unique = Guid.NewGuid().ToString("N");
    private LiteDbJobStorage _storage;

    public LiteDbJobStorageTests()
    {
        HangfireGlobals.Forget(); // an earlier test's container may have made Hangfire's logger its own
        _storage = Open();
    }

    private string File => Path.Combine(_sandbox.DataDirectory, LiteDbJobStorage.FileName);

    public void Dispose()
    {
        _storage.Dispose();
        _sandbox.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task An_enqueued_job_runs_once_and_counts_as_succeeded()
    {
        var id = new BackgroundJobClient(_storage).Enqueue(() => Probe.Run(Name("a")));
        using (Server())
        {
            await Waiting.UntilAsync(() => Assert.Equal(SucceededState.StateName, State(id)), TimeSpan.FromSeconds(20));
        }

        Assert.Equal(1, Probe.Count(Name("a")));
        var monitoring = _storage.GetMonitoringApi();
        Assert.Equal(1, monitoring.SucceededListCount());
        Assert.Equal(1, monitoring.GetStatistics().Succeeded);
        Assert.Equal(1, monitoring.SucceededByDatesCount()[DateTime.UtcNow.Date]);
        Assert.Equal(1, monitoring.HourlySucceededJobs().Values.Sum());
        Assert.Equal(0, monitoring.FailedByDatesCount().Values.Sum());
        Assert.Single(monitoring.SucceededJobs(0, 10));
        var details = monitoring.JobDetails(id)!;
        Assert.Equal([SucceededState.StateName, ProcessingState.StateName, EnqueuedState.StateName], details.History.Select(h => h.StateName));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_scheduled_job_runs_when_it_is_due_not_before()
    {
        var client = new BackgroundJobClient(_storage);
        // Hangfire keeps schedules to the second: a whole second makes "not before" exact.
        var now = DateTime.UtcNow;
        var due = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(3);
        var id = client.Schedule(() => Probe.Run(Name("s")), due);
        Assert.Equal(1, _storage.GetMonitoringApi().ScheduledCount());

        using (Server())
        {
            await Waiting.UntilAsync(() => Assert.Equal(SucceededState.StateName, State(id)), TimeSpan.FromSeconds(20));
        }

        var succeededAt = _storage.GetMonitoringApi().SucceededJobs(0, 1).Single().Value.SucceededAt!.Value;
        Assert.True(succeededAt >= due, $"ran at {succeededAt:O}, due {due:O}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_recurring_job_fires_on_its_schedule()
    {
        var manager = new RecurringJobManager(_storage);
        manager.AddOrUpdate(Name("r"), () => Probe.Run(Name("r")), "*/2 * * * * *");

        using (Server())
        {
            await Waiting.UntilAsync(() => Assert.InRange(Probe.Count(Name("r")), 2, int.MaxValue), TimeSpan.FromSeconds(30));
        }

        using var connection = _storage.GetConnection();
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == Name("r") && j.LastExecution is not null);
        Assert.Equal(1, _storage.GetMonitoringApi().GetStatistics().Recurring);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failing_job_is_retried_as_its_attribute_says_then_fails()
    {
        var id = new BackgroundJobClient(_storage).Enqueue(() => Probe.Fail(Name("f")));

        using (Server())
        {
            await Waiting.UntilAsync(() => Assert.Equal(FailedState.StateName, State(id)), TimeSpan.FromSeconds(45));
        }

        Assert.Equal(3, Probe.Count(Name("f")));
        var failed = _storage.GetMonitoringApi().FailedJobs(0, 10).Single().Value;
        Assert.Contains("fails on purpose", failed.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(1, _storage.GetMonitoringApi().FailedCount());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_continuation_runs_after_its_parent()
    {
        var client = new BackgroundJobClient(_storage);
        var parent = client.Enqueue(() => Probe.Run(Name("parent")));
        var child = client.ContinueJobWith(parent, () => Probe.Run(Name("child")));
        Assert.Equal(AwaitingState.StateName, State(child));

        using (Server())
        {
            await Waiting.UntilAsync(() => Assert.Equal(SucceededState.StateName, State(child)), TimeSpan.FromSeconds(20));
        }

        Assert.Equal((1, 1), (Probe.Count(Name("parent")), Probe.Count(Name("child"))));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_deleted_job_never_runs()
    {
        var client = new BackgroundJobClient(_storage);
        var id = client.Enqueue(() => Probe.Run(Name("d")));
        Assert.True(client.Delete(id));

        using (Server())
        {
            var after = new BackgroundJobClient(_storage).Enqueue(() => Probe.Run(Name("after")));
            await Waiting.UntilAsync(() => Assert.Equal(SucceededState.StateName, State(after)), TimeSpan.FromSeconds(20));
        }

        Assert.Equal(0, Probe.Count(Name("d")));
        Assert.Equal(DeletedState.StateName, State(id));
        Assert.Equal(1, _storage.GetMonitoringApi().DeletedListCount());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_job_enqueued_before_a_restart_runs_once_after_it()
    {
        var id = new BackgroundJobClient(_storage).Enqueue(() => Probe.Run(Name("restart")));
        _storage.Dispose();
        _storage = Open();

        using (Server())
        {
            await Waiting.UntilAsync(() => Assert.Equal(SucceededState.StateName, State(id)), TimeSpan.FromSeconds(20));
        }

        Assert.Equal(1, Probe.Count(Name("restart")));
    }

    [Fact]
    public void A_job_taken_by_a_process_that_died_is_taken_again_after_restart()
    {
        var id = new BackgroundJobClient(_storage).Enqueue(() => Probe.Run(Name("died")));
        using (var connection = _storage.GetConnection())
        {
            var taken = connection.FetchNextJob(["default"], CancellationToken.None);
            Assert.Equal(id, taken.JobId);

            // The process dies here: the job is neither removed from its queue nor put back.
        }

        Assert.Equal(1, _storage.GetMonitoringApi().FetchedCount("default"));
        _storage.Dispose();
        _storage = Open();

        using var after = _storage.GetConnection();
        using var again = after.FetchNextJob(["default"], new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        Assert.Equal(id, again.JobId);
    }

    [Fact(Timeout = 120_000)]
    public async Task Many_workers_run_every_one_of_many_jobs_exactly_once()
    {
        var client = new BackgroundJobClient(_storage);
        var names = Enumerable.Range(0, 200).Select(i => Name($"many{i}")).ToList();
        foreach (var name in names)
        {
            client.Enqueue(() => Probe.Run(name));
        }

        using (Server(workers: 20))
        {
            await Waiting.UntilAsync(() => Assert.Equal(names.Count, _storage.GetMonitoringApi().SucceededListCount()), TimeSpan.FromSeconds(90));
        }

        Assert.All(names, n => Assert.Equal(1, Probe.Count(n)));
    }

    [Fact]
    public void A_distributed_lock_excludes_another_holder_until_released_and_times_out()
    {
        using var first = _storage.GetConnection();
        using var second = _storage.GetConnection();
        var resource = Name("lock");

        using (first.AcquireDistributedLock(resource, TimeSpan.FromSeconds(1)))
        {
            using (first.AcquireDistributedLock(resource, TimeSpan.FromSeconds(1)))
            {
                // The holder may take it again.
            }

            Assert.Throws<DistributedLockTimeoutException>(() => second.AcquireDistributedLock(resource, TimeSpan.FromMilliseconds(300)));
        }

        using (second.AcquireDistributedLock(resource, TimeSpan.FromSeconds(1)))
        {
        }
    }

    [Fact]
    public void A_damaged_job_store_is_moved_aside_and_a_new_one_works()
    {
        _storage.Dispose();
        System.IO.File.WriteAllBytes(File, Enumerable.Repeat((byte)0x5A, 64 * 1024).ToArray());
        var warnings = new List<string>();

        _storage = LiteDbJobStorage.OpenOrReplace(File, warnings.Add);

        Assert.Contains("could not be read", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(_sandbox.DataDirectory, "jobs.db.damaged-*"));
        var id = new BackgroundJobClient(_storage).Enqueue(() => Probe.Run(Name("fresh")));
        Assert.Equal(EnqueuedState.StateName, State(id));
    }

    [Fact]
    public void Expired_jobs_and_keys_are_removed_and_lasting_ones_stay()
    {
        string expiring;
        using (var connection = _storage.GetConnection())
        {
            expiring = connection.CreateExpiredJob(Hangfire.Common.Job.FromExpression(() => Probe.Run(Name("x"))), new Dictionary<string, string?>(), DateTime.UtcNow, TimeSpan.FromMinutes(5));
            using var transaction = (JobStorageTransaction)connection.CreateWriteTransaction();
            transaction.SetRangeInHash(Name("short"), [new("a", "1")]);
            transaction.ExpireHash(Name("short"), TimeSpan.FromMinutes(5));
            transaction.SetRangeInHash(Name("lasting"), [new("a", "1")]);
            transaction.AddToSet(Name("set"), "v");
            transaction.ExpireSet(Name("set"), TimeSpan.FromMinutes(5));
            transaction.IncrementCounter(Name("counter"), TimeSpan.FromMinutes(5));
            transaction.InsertToList(Name("list"), "v");
            transaction.ExpireList(Name("list"), TimeSpan.FromMinutes(5));
            transaction.Commit();
        }

        Assert.Equal(0, _storage.RemoveExpired(DateTime.UtcNow)); // nothing is due yet
        Assert.Equal(5, _storage.RemoveExpired(DateTime.UtcNow.AddMinutes(10)));

        using var after = _storage.GetConnection();
        Assert.Null(after.GetJobData(expiring));
        Assert.Null(after.GetAllEntriesFromHash(Name("short")));
        Assert.NotNull(after.GetAllEntriesFromHash(Name("lasting")));
        Assert.Empty(after.GetAllItemsFromSet(Name("set")));
        Assert.Equal(0, ((JobStorageConnection)after).GetCounter(Name("counter")));
        Assert.Equal(0, ((JobStorageConnection)after).GetListCount(Name("list")));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_idle_server_writes_nothing_to_the_job_store()
    {
        using (Server())
        {
            var id = new BackgroundJobClient(_storage).Enqueue(() => Probe.Run(Name("idle")));
            await Waiting.UntilAsync(() => Assert.Equal(SucceededState.StateName, State(id)), TimeSpan.FromSeconds(20));
            await Task.Delay(TimeSpan.FromSeconds(1)); // the writes that end the job land; what follows is idle
            var before = Snapshot();

            await Waiting.ThroughoutAsync(() => Assert.Equal(before, Snapshot()), TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Length and last write time of every file of the job store (the database and its log).</summary>
    private string Snapshot()
    {
        var files = Directory.EnumerateFiles(_sandbox.DataDirectory, "jobs*").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        return string.Join(";", files.Select(f => new FileInfo(f)).Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc:O}"));
    }

    private LiteDbJobStorage Open() =>
        new(File, new LiteDbJobStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });

    private BackgroundJobServer Server(int workers = 4) =>
        new(new BackgroundJobServerOptions { WorkerCount = workers, SchedulePollingInterval = TimeSpan.FromMilliseconds(500), ServerCheckInterval = TimeSpan.FromSeconds(5) }, _storage);

    private string Name(string what) => $"{what}-{_unique}";

    private string? State(string id)
    {
        using var connection = _storage.GetConnection();
        return connection.GetStateData(id)?.Name;
    }
}
