using Hangfire.States;
using Hangfire.Storage;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

/// <summary>Hangfire's changes, collected and then written as one LiteDB transaction on Commit.</summary>
internal sealed class LiteDbTransaction(LiteDbJobStore store, LiteDbConnection connection) : JobStorageTransaction
{
    private readonly List<Action> _changes = [];
    private readonly List<IDisposable> _locks = [];
    private bool _enqueues;

    public override void ExpireJob(string jobId, TimeSpan expireIn) => OnJob(jobId, job => job.ExpireAt = DateTime.UtcNow + expireIn);

    public override void PersistJob(string jobId) => OnJob(jobId, job => job.ExpireAt = null);

    public override void SetJobState(string jobId, IState state) => OnJob(jobId, job =>
    {
        var created = DateTime.UtcNow;
        var data = Data(state);
        store.States.Insert(new StateDocument { JobId = job.Id, Name = state.Name, Reason = state.Reason, CreatedAt = created, Data = data });
        job.StateName = state.Name;
        job.StateReason = state.Reason;
        job.StateCreatedAt = created;
        job.StateData = data;
    });

    public override void AddJobState(string jobId, IState state) => _changes.Add(() =>
        store.States.Insert(new StateDocument { JobId = LiteDbConnection.JobId(jobId), Name = state.Name, Reason = state.Reason, CreatedAt = DateTime.UtcNow, Data = Data(state) }));

    public override void AddToQueue(string queue, string jobId)
    {
        _enqueues = true;
        _changes.Add(() => store.Queue.Insert(new QueuedJobDocument { Queue = queue, JobId = LiteDbConnection.JobId(jobId) }));
    }

    public override void RemoveFromQueue(IFetchedJob fetchedJob)
    {
        if (fetchedJob is LiteDbFetchedJob fetched)
        {
            _changes.Add(() => store.Queue.Delete(fetched.QueuedId));
        }
    }

    public override void IncrementCounter(string key) => Count(key, 1, null);

    public override void IncrementCounter(string key, TimeSpan expireIn) => Count(key, 1, expireIn);

    public override void DecrementCounter(string key) => Count(key, -1, null);

    public override void DecrementCounter(string key, TimeSpan expireIn) => Count(key, -1, expireIn);

    public override void AddToSet(string key, string value) => AddToSet(key, value, 0.0);

    public override void AddToSet(string key, string value, double score) => _changes.Add(() =>
    {
        var id = LiteDbJobStore.Id(key, value);
        var existing = store.Sets.FindById(id);
        store.Sets.Upsert(new SetDocument { Id = id, Key = key, Value = value, Score = score, ExpireAt = existing?.ExpireAt });
    });

    public override void AddRangeToSet(string key, IList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            AddToSet(key, item);
        }
    }

    public override void RemoveFromSet(string key, string value) => _changes.Add(() => store.Sets.Delete(LiteDbJobStore.Id(key, value)));

    public override void RemoveSet(string key) => _changes.Add(() => store.Sets.DeleteMany(s => s.Key == key));

    public override void InsertToList(string key, string value) => _changes.Add(() => store.Lists.Insert(new ListDocument { Key = key, Value = value }));

    public override void RemoveFromList(string key, string value) => _changes.Add(() => store.Lists.DeleteMany(l => l.Key == key && l.Value == value));

    /// <summary>Keeps the items from position <paramref name="keepStartingFrom"/> to <paramref name="keepEndingAt"/>, newest first.</summary>
    public override void TrimList(string key, int keepStartingFrom, int keepEndingAt) => _changes.Add(() =>
    {
        var ids = store.Lists.Query().Where(l => l.Key == key).OrderByDescending(l => l.Id).ToList().Select(l => l.Id).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            if (i < keepStartingFrom || i > keepEndingAt)
            {
                store.Lists.Delete(ids[i]);
            }
        }
    });

    public override void SetRangeInHash(string key, IEnumerable<KeyValuePair<string, string>> keyValuePairs)
    {
        ArgumentNullException.ThrowIfNull(keyValuePairs);
        var pairs = keyValuePairs.ToList();
        _changes.Add(() =>
        {
            foreach (var (field, value) in pairs)
            {
                var id = LiteDbJobStore.Id(key, field);
                var existing = store.Hashes.FindById(id);
                store.Hashes.Upsert(new HashDocument { Id = id, Key = key, Field = field, Value = value, ExpireAt = existing?.ExpireAt });
            }
        });
    }

    public override void RemoveHash(string key) => _changes.Add(() => store.Hashes.DeleteMany(h => h.Key == key));

    public override void ExpireSet(string key, TimeSpan expireIn) => Expire(store.Sets, key, DateTime.UtcNow + expireIn);

    public override void ExpireList(string key, TimeSpan expireIn) => Expire(store.Lists, key, DateTime.UtcNow + expireIn);

    public override void ExpireHash(string key, TimeSpan expireIn) => Expire(store.Hashes, key, DateTime.UtcNow + expireIn);

    public override void PersistSet(string key) => Expire(store.Sets, key, null);

    public override void PersistList(string key) => Expire(store.Lists, key, null);

    public override void PersistHash(string key) => Expire(store.Hashes, key, null);

    public override void SetJobParameter(string jobId, string name, string? value) => OnJob(jobId, job =>
    {
        if (value is null)
        {
            job.Parameters.Remove(name);
        }
        else
        {
            job.Parameters[name] = value;
        }
    });

    public override void AcquireDistributedLock(string resource, TimeSpan timeout) => _locks.Add(connection.AcquireDistributedLock(resource, timeout));

    public override void Commit()
    {
        store.Write(() =>
        {
            foreach (var change in _changes)
            {
                change();
            }
        });
        _changes.Clear();
        if (_enqueues)
        {
            store.SignalEnqueued();
        }
    }

    public override void Dispose()
    {
        foreach (var held in _locks)
        {
            held.Dispose();
        }

        _locks.Clear();
        base.Dispose();
    }

    private static Dictionary<string, string> Data(IState state) =>
        state.SerializeData().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private void OnJob(string jobId, Action<JobDocument> change) => _changes.Add(() =>
    {
        if (store.Jobs.FindById(LiteDbConnection.JobId(jobId)) is { } job)
        {
            change(job);
            store.Jobs.Update(job);
        }
    });

    private void Count(string key, long by, TimeSpan? expireIn) => _changes.Add(() =>
    {
        var counter = store.Counters.FindById(key) ?? new CounterDocument { Id = key };
        counter.Value += by;
        if (expireIn is { } ttl)
        {
            var expireAt = DateTime.UtcNow + ttl;
            counter.ExpireAt = counter.ExpireAt is { } current && LiteDbJobStore.Utc(current) > expireAt ? current : expireAt;
        }

        store.Counters.Upsert(counter);
    });

    private void Expire<T>(LiteDB.ILiteCollection<T> collection, string key, DateTime? at)
        where T : IExpiring => _changes.Add(() =>
    {
        var documents = collection.Find(LiteDB.Query.EQ(nameof(IExpiring.Key), key)).ToList();
        foreach (var document in documents)
        {
            document.ExpireAt = at;
        }

        collection.Update(documents);
    });
}
