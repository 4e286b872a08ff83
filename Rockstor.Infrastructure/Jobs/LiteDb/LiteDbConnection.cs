using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

/// <summary>Hangfire's view of the job store for one worker, scheduler or dashboard request.</summary>
internal sealed class LiteDbConnection(LiteDbJobStore store, LiteDbJobStorageOptions options) : JobStorageConnection
{
    public override IWriteOnlyTransaction CreateWriteTransaction() => new LiteDbTransaction(store, this);

    public override IDisposable AcquireDistributedLock(string resource, TimeSpan timeout) => store.Lock(resource, this, timeout);

    public override string CreateExpiredJob(Job job, IDictionary<string, string?> parameters, DateTime createdAt, TimeSpan expireIn)
    {
        var document = new JobDocument
        {
            Invocation = InvocationData.SerializeJob(job).SerializePayload(),
            CreatedAt = createdAt.ToUniversalTime(),
            ExpireAt = createdAt.ToUniversalTime() + expireIn,
            Parameters = parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
        };
        return store.Write(() => store.Jobs.Insert(document).AsInt64).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public override IFetchedJob FetchNextJob(string[] queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fetched = store.Write(() =>
            {
                // Queues in the order given: the first has priority.
                var next = queues
                    .Select(queue => store.Queue.Query().Where(q => q.Queue == queue && q.FetchedAt == null).OrderBy(q => q.Id).FirstOrDefault())
                    .FirstOrDefault(q => q is not null);
                if (next is null)
                {
                    return null;
                }

                next.FetchedAt = DateTime.UtcNow;
                store.Queue.Update(next);
                return next;
            });
            if (fetched is not null)
            {
                return new LiteDbFetchedJob(store, fetched);
            }

            store.WaitForEnqueued(options.QueuePollInterval, cancellationToken);
        }
    }

    public override void SetJobParameter(string id, string name, string? value) =>
        store.Write(() =>
        {
            if (store.Jobs.FindById(JobId(id)) is { } job)
            {
                if (value is null)
                {
                    job.Parameters.Remove(name);
                }
                else
                {
                    job.Parameters[name] = value;
                }

                store.Jobs.Update(job);
            }
        });

    public override string? GetJobParameter(string id, string name) =>
        TryJobId(id) is { } key && store.Jobs.FindById(key) is { } job && job.Parameters.TryGetValue(name, out var value) ? value : null;

    public override JobData? GetJobData(string jobId)
    {
        if (TryJobId(jobId) is not { } key || store.Jobs.FindById(key) is not { } document)
        {
            return null;
        }

        Job? job = null;
        JobLoadException? failure = null;
        try
        {
            job = InvocationData.DeserializePayload(document.Invocation).DeserializeJob();
        }
        catch (JobLoadException e)
        {
            failure = e;
        }

        return new JobData
        {
            Job = job,
            InvocationData = InvocationData.DeserializePayload(document.Invocation),
            State = document.StateName,
            CreatedAt = LiteDbJobStore.Utc(document.CreatedAt),
            LoadException = failure,
            ParametersSnapshot = document.Parameters,
        };
    }

    public override StateData? GetStateData(string jobId) =>
        TryJobId(jobId) is { } key && store.Jobs.FindById(key) is { StateName: not null } job
            ? new StateData { Name = job.StateName, Reason = job.StateReason, Data = new Dictionary<string, string>(job.StateData, StringComparer.OrdinalIgnoreCase) }
            : null;

    public override void AnnounceServer(string serverId, ServerContext context)
    {
        var now = DateTime.UtcNow;
        store.Servers[serverId] = new ServerEntry(context, now, now);
    }

    public override void RemoveServer(string serverId) => store.Servers.TryRemove(serverId, out _);

    public override void Heartbeat(string serverId)
    {
        if (!store.Servers.TryGetValue(serverId, out var server))
        {
            throw new BackgroundServerGoneException();
        }

        store.Servers[serverId] = server with { Heartbeat = DateTime.UtcNow };
    }

    public override int RemoveTimedOutServers(TimeSpan timeOut)
    {
        var gone = store.Servers.Where(s => DateTime.UtcNow - s.Value.Heartbeat > timeOut).Select(s => s.Key).ToList();
        return gone.Count(id => store.Servers.TryRemove(id, out _));
    }

    public override HashSet<string> GetAllItemsFromSet(string key) =>
        store.Sets.Find(s => s.Key == key).Where(Live).Select(s => s.Value).ToHashSet(StringComparer.Ordinal);

    public override string? GetFirstByLowestScoreFromSet(string key, double fromScore, double toScore) =>
        GetFirstByLowestScoreFromSet(key, fromScore, toScore, 1).FirstOrDefault();

    public override List<string> GetFirstByLowestScoreFromSet(string key, double fromScore, double toScore, int count) =>
        store.Sets.Query()
            .Where(s => s.Key == key && s.Score >= fromScore && s.Score <= toScore)
            .OrderBy(s => s.Score)
            .Limit(count)
            .ToList()
            .Select(s => s.Value)
            .ToList();

    public override long GetSetCount(string key) => store.Sets.Count(s => s.Key == key);

    public override long GetSetCount(IEnumerable<string> keys, int limit) =>
        Math.Min(keys.Sum(k => (long)store.Sets.Count(s => s.Key == k)), limit);

    public override bool GetSetContains(string key, string value) => store.Sets.Exists(s => s.Id == LiteDbJobStore.Id(key, value));

    public override List<string> GetRangeFromSet(string key, int startingFrom, int endingAt) =>
        store.Sets.Query()
            .Where(s => s.Key == key)
            .OrderBy(s => s.Score)
            .Skip(startingFrom)
            .Limit(endingAt - startingFrom + 1)
            .ToList()
            .Select(s => s.Value)
            .ToList();

    public override TimeSpan GetSetTtl(string key) => Ttl(store.Sets.Find(s => s.Key == key).Select(s => s.ExpireAt));

    public override void SetRangeInHash(string key, IEnumerable<KeyValuePair<string, string>> keyValuePairs)
    {
        using var transaction = CreateWriteTransaction();
        transaction.SetRangeInHash(key, keyValuePairs);
        transaction.Commit();
    }

    public override Dictionary<string, string>? GetAllEntriesFromHash(string key)
    {
        var fields = store.Hashes.Find(h => h.Key == key).ToList();
        return fields.Count == 0 ? null : fields.ToDictionary(h => h.Field, h => h.Value ?? "", StringComparer.Ordinal);
    }

    public override string? GetValueFromHash(string key, string name) => store.Hashes.FindById(LiteDbJobStore.Id(key, name))?.Value;

    public override long GetHashCount(string key) => store.Hashes.Count(h => h.Key == key);

    public override TimeSpan GetHashTtl(string key) => Ttl(store.Hashes.Find(h => h.Key == key).Select(h => h.ExpireAt));

    public override long GetListCount(string key) => store.Lists.Count(l => l.Key == key);

    /// <summary>Lists are newest first, as Hangfire's other storages keep them.</summary>
    public override List<string> GetAllItemsFromList(string key) =>
        store.Lists.Query().Where(l => l.Key == key).OrderByDescending(l => l.Id).ToList().Select(l => l.Value).ToList();

    public override List<string> GetRangeFromList(string key, int startingFrom, int endingAt) =>
        store.Lists.Query()
            .Where(l => l.Key == key)
            .OrderByDescending(l => l.Id)
            .Skip(startingFrom)
            .Limit(endingAt - startingFrom + 1)
            .ToList()
            .Select(l => l.Value)
            .ToList();

    public override TimeSpan GetListTtl(string key) => Ttl(store.Lists.Find(l => l.Key == key).Select(l => l.ExpireAt));

    public override long GetCounter(string key) => store.Counters.FindById(key)?.Value ?? 0;

    public override DateTime GetUtcDateTime() => DateTime.UtcNow;

    internal static long JobId(string id) =>
        TryJobId(id) ?? throw new ArgumentException($"'{id}' is not a job id of this storage.", nameof(id));

    internal static long? TryJobId(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Live(SetDocument s) => s.ExpireAt is null || LiteDbJobStore.Utc(s.ExpireAt.Value) > DateTime.UtcNow;

    /// <summary>The time to live of a key: -1 s when it does not expire (or does not exist), as Hangfire expects.</summary>
    private static TimeSpan Ttl(IEnumerable<DateTime?> expiries)
    {
        var earliest = expiries.Where(e => e is not null).Select(e => LiteDbJobStore.Utc(e!.Value)).DefaultIfEmpty(DateTime.MinValue).Min();
        return earliest == DateTime.MinValue ? TimeSpan.FromSeconds(-1) : earliest - DateTime.UtcNow;
    }
}
