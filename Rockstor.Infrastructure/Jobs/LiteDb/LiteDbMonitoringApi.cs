using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

/// <summary>What the Hangfire dashboard reads: counts, lists of jobs by state, job details, servers.</summary>
internal sealed class LiteDbMonitoringApi(LiteDbJobStore store) : IMonitoringApi
{
    private const int FirstJobsShown = 5;

    public IList<QueueWithTopEnqueuedJobsDto> Queues() =>
        store.Queue.FindAll().Select(q => q.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(queue => new QueueWithTopEnqueuedJobsDto
            {
                Name = queue,
                Length = EnqueuedCount(queue),
                Fetched = FetchedCount(queue),
                FirstJobs = EnqueuedJobs(queue, 0, FirstJobsShown),
            })
            .ToList();

    public IList<ServerDto> Servers() =>
        store.Servers.Select(s => new ServerDto
        {
            Name = s.Key,
            WorkersCount = s.Value.Context.WorkerCount,
            Queues = s.Value.Context.Queues,
            StartedAt = s.Value.StartedAt,
            Heartbeat = s.Value.Heartbeat,
        }).ToList();

    public JobDetailsDto? JobDetails(string jobId)
    {
        if (LiteDbConnection.TryJobId(jobId) is not { } id || store.Jobs.FindById(id) is not { } job)
        {
            return null;
        }

        var (loaded, failure, invocation) = Load(job);
        return new JobDetailsDto
        {
            Job = loaded,
            LoadException = failure,
            InvocationData = invocation,
            CreatedAt = LiteDbJobStore.Utc(job.CreatedAt),
            ExpireAt = LiteDbJobStore.Utc(job.ExpireAt),
            Properties = new Dictionary<string, string>(job.Parameters, StringComparer.Ordinal),
            History = store.States.Query().Where(s => s.JobId == id).OrderByDescending(s => s.Id).ToList()
                .Select(s => new StateHistoryDto
                {
                    StateName = s.Name,
                    Reason = s.Reason,
                    CreatedAt = LiteDbJobStore.Utc(s.CreatedAt),
                    Data = new Dictionary<string, string>(s.Data, StringComparer.OrdinalIgnoreCase),
                })
                .ToList(),
        };
    }

    public StatisticsDto GetStatistics() => new()
    {
        Servers = store.Servers.Count,
        Queues = store.Queue.FindAll().Select(q => q.Queue).Distinct(StringComparer.Ordinal).Count(),
        Enqueued = CountInState(EnqueuedState.StateName),
        Scheduled = CountInState(ScheduledState.StateName),
        Processing = CountInState(ProcessingState.StateName),
        Failed = CountInState(FailedState.StateName),
        Awaiting = CountInState(AwaitingState.StateName),
        Succeeded = Counter("stats:succeeded"),
        Deleted = Counter("stats:deleted"),
        Recurring = store.Sets.Count(s => s.Key == "recurring-jobs"),
        Retries = store.Sets.Count(s => s.Key == "retries"),
    };

    public JobList<EnqueuedJobDto> EnqueuedJobs(string queue, int from, int perPage) =>
        FromQueue(queue, fetched: false, from, perPage, (job, loaded) => new EnqueuedJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            State = job.StateName,
            InEnqueuedState = job.StateName == EnqueuedState.StateName,
            EnqueuedAt = job.StateName == EnqueuedState.StateName ? LiteDbJobStore.Utc(job.StateCreatedAt) : null,
            StateData = job.StateData,
        });

    public JobList<FetchedJobDto> FetchedJobs(string queue, int from, int perPage) =>
        FromQueue(queue, fetched: true, from, perPage, (job, loaded) => new FetchedJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            State = job.StateName,
            FetchedAt = LiteDbJobStore.Utc(job.StateCreatedAt),
        });

    public JobList<ProcessingJobDto> ProcessingJobs(int from, int count) =>
        InState(ProcessingState.StateName, from, count, (job, loaded) => new ProcessingJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            InProcessingState = true,
            ServerId = job.StateData.GetValueOrDefault("ServerId") ?? job.StateData.GetValueOrDefault("ServerName"),
            StartedAt = Date(job.StateData.GetValueOrDefault("StartedAt")),
            StateData = job.StateData,
        });

    public JobList<ScheduledJobDto> ScheduledJobs(int from, int count) =>
        InState(ScheduledState.StateName, from, count, (job, loaded) => new ScheduledJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            InScheduledState = true,
            EnqueueAt = Date(job.StateData.GetValueOrDefault("EnqueueAt")) ?? DateTime.MinValue,
            ScheduledAt = Date(job.StateData.GetValueOrDefault("ScheduledAt")),
            StateData = job.StateData,
        });

    public JobList<SucceededJobDto> SucceededJobs(int from, int count) =>
        InState(SucceededState.StateName, from, count, (job, loaded) => new SucceededJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            InSucceededState = true,
            Result = job.StateData.GetValueOrDefault("Result"),
            TotalDuration = Milliseconds(job.StateData, "PerformanceDuration") + Milliseconds(job.StateData, "Latency"),
            SucceededAt = Date(job.StateData.GetValueOrDefault("SucceededAt")),
            StateData = job.StateData,
        });

    public JobList<FailedJobDto> FailedJobs(int from, int count) =>
        InState(FailedState.StateName, from, count, (job, loaded) => new FailedJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            InFailedState = true,
            Reason = job.StateReason,
            FailedAt = Date(job.StateData.GetValueOrDefault("FailedAt")),
            ExceptionType = job.StateData.GetValueOrDefault("ExceptionType"),
            ExceptionMessage = job.StateData.GetValueOrDefault("ExceptionMessage"),
            ExceptionDetails = job.StateData.GetValueOrDefault("ExceptionDetails"),
            StateData = job.StateData,
        });

    public JobList<DeletedJobDto> DeletedJobs(int from, int count) =>
        InState(DeletedState.StateName, from, count, (job, loaded) => new DeletedJobDto
        {
            Job = loaded.Job,
            LoadException = loaded.Failure,
            InvocationData = loaded.Invocation,
            InDeletedState = true,
            DeletedAt = Date(job.StateData.GetValueOrDefault("DeletedAt")),
            StateData = job.StateData,
        });

    public long ScheduledCount() => CountInState(ScheduledState.StateName);

    public long EnqueuedCount(string queue) => store.Queue.Count(q => q.Queue == queue && q.FetchedAt == null);

    public long FetchedCount(string queue) => store.Queue.Count(q => q.Queue == queue && q.FetchedAt != null);

    public long FailedCount() => CountInState(FailedState.StateName);

    public long ProcessingCount() => CountInState(ProcessingState.StateName);

    public long SucceededListCount() => CountInState(SucceededState.StateName);

    public long DeletedListCount() => CountInState(DeletedState.StateName);

    public IDictionary<DateTime, long> SucceededByDatesCount() => ByDays("succeeded");

    public IDictionary<DateTime, long> FailedByDatesCount() => ByDays("failed");

    public IDictionary<DateTime, long> HourlySucceededJobs() => ByHours("succeeded");

    public IDictionary<DateTime, long> HourlyFailedJobs() => ByHours("failed");

    private sealed record Loaded(Job? Job, JobLoadException? Failure, InvocationData Invocation);

    private static (Job? Job, JobLoadException? Failure, InvocationData Invocation) Load(JobDocument job)
    {
        var invocation = InvocationData.DeserializePayload(job.Invocation);
        try
        {
            return (invocation.DeserializeJob(), null, invocation);
        }
        catch (JobLoadException e)
        {
            return (null, e, invocation);
        }
    }

    private static DateTime? Date(string? value) => value is null ? null : JobHelper.DeserializeNullableDateTime(value);

    private static long? Milliseconds(Dictionary<string, string> data, string key) =>
        data.TryGetValue(key, out var value) && long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;

    private long CountInState(string state) => store.Jobs.Count(j => j.StateName == state);

    private long Counter(string key) => store.Counters.FindById(key)?.Value ?? 0;

    private JobList<T> InState<T>(string state, int from, int count, Func<JobDocument, Loaded, T> make) =>
        new(store.Jobs.Query()
            .Where(j => j.StateName == state)
            .OrderByDescending(j => j.Id)
            .Skip(from)
            .Limit(count)
            .ToList()
            .Select(j => Pair(j, make)));

    private JobList<T> FromQueue<T>(string queue, bool fetched, int from, int perPage, Func<JobDocument, Loaded, T> make)
    {
        var ids = store.Queue.Query()
            .Where(q => q.Queue == queue && (q.FetchedAt != null) == fetched)
            .OrderBy(q => q.Id)
            .Skip(from)
            .Limit(perPage)
            .ToList()
            .Select(q => q.JobId);
        return new(ids.Select(id => store.Jobs.FindById(id)).Where(j => j is not null).Select(j => Pair(j!, make)));
    }

    private static KeyValuePair<string, T> Pair<T>(JobDocument job, Func<JobDocument, Loaded, T> make)
    {
        var (loaded, failure, invocation) = Load(job);
        return new(job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), make(job, new Loaded(loaded, failure, invocation)));
    }

    private Dictionary<DateTime, long> ByDays(string type)
    {
        var today = DateTime.UtcNow.Date;
        return Enumerable.Range(0, 7).Select(d => today.AddDays(-d))
            .ToDictionary(d => d, d => Counter($"stats:{type}:{d:yyyy-MM-dd}"));
    }

    private Dictionary<DateTime, long> ByHours(string type)
    {
        var hour = DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour);
        return Enumerable.Range(0, 24).Select(h => hour.AddHours(-h))
            .ToDictionary(h => h, h => Counter($"stats:{type}:{h:yyyy-MM-dd-HH}"));
    }
}
