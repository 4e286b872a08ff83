using System.Collections.Concurrent;
using System.Globalization;
using Hangfire.Server;
using Hangfire.Storage;
using LiteDB;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

/// <summary>
/// The job store: one LiteDB file owned by this process, plus what needs no disk (servers and their
/// heartbeats, distributed locks, the wake-up of waiting workers). Writes are serialised by one lock, so
/// a Hangfire transaction is one LiteDB transaction that no other writer interleaves with.
/// </summary>
internal sealed class LiteDbJobStore : IDisposable
{
    /// <summary>Separates a key from a member in the ids of sets and hashes (it cannot occur in either).</summary>
    public const char Separator = '\u001F';

    private readonly object _write = new();
    private readonly SemaphoreSlim _enqueued = new(0);
    private readonly ConcurrentDictionary<string, LockEntry> _locks = new(StringComparer.Ordinal);
    private int _waiting;

    public LiteDbJobStore(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Path = path;
        Database = new LiteDatabase(
            new ConnectionString
            {
                Filename = path,
                Connection = ConnectionType.Direct,
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal),
            },
            new BsonMapper());
        try
        {
            Jobs.EnsureIndex(j => j.StateName);
            Jobs.EnsureIndex(j => j.ExpireAt);
            States.EnsureIndex(s => s.JobId);
            Queue.EnsureIndex(q => q.Queue);
            Queue.EnsureIndex(q => q.JobId);
            Sets.EnsureIndex(s => s.Key);
            Sets.EnsureIndex(s => s.ExpireAt);
            Lists.EnsureIndex(l => l.Key);
            Lists.EnsureIndex(l => l.ExpireAt);
            Hashes.EnsureIndex(h => h.Key);
            Hashes.EnsureIndex(h => h.ExpireAt);
            Counters.EnsureIndex(c => c.ExpireAt);
            ReleaseJobsFetchedBeforeStart();
        }
        catch
        {
            Database.Dispose();
            _enqueued.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public LiteDatabase Database { get; }

    public ILiteCollection<JobDocument> Jobs => Database.GetCollection<JobDocument>("jobs");

    public ILiteCollection<StateDocument> States => Database.GetCollection<StateDocument>("states");

    public ILiteCollection<QueuedJobDocument> Queue => Database.GetCollection<QueuedJobDocument>("queue");

    public ILiteCollection<SetDocument> Sets => Database.GetCollection<SetDocument>("sets");

    public ILiteCollection<ListDocument> Lists => Database.GetCollection<ListDocument>("lists");

    public ILiteCollection<HashDocument> Hashes => Database.GetCollection<HashDocument>("hashes");

    public ILiteCollection<CounterDocument> Counters => Database.GetCollection<CounterDocument>("counters");

    /// <summary>The servers of this process, kept in memory: heartbeats never touch the disk.</summary>
    public ConcurrentDictionary<string, ServerEntry> Servers { get; } = new(StringComparer.Ordinal);

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    public static string Id(string key, string member) => string.Concat(key, Separator.ToString(), member);

    /// <summary>Runs the changes as one LiteDB transaction, alone among writers.</summary>
    public void Write(Action changes)
    {
        lock (_write)
        {
            Database.BeginTrans();
            try
            {
                changes();
                Database.Commit();
            }
            catch
            {
                Database.Rollback();
                throw;
            }
        }
    }

    public T Write<T>(Func<T> changes)
    {
        var result = default(T);
        Write(() =>
        {
            result = changes();
        });
        return result!;
    }

    /// <summary>Wakes the workers waiting for a job (after a transaction put one in a queue).</summary>
    public void SignalEnqueued()
    {
        var waiting = Volatile.Read(ref _waiting);
        if (waiting > 0)
        {
            _enqueued.Release(waiting);
        }
    }

    /// <summary>Waits until a job may have been queued, or the time passes.</summary>
    public void WaitForEnqueued(TimeSpan timeout, CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            _enqueued.Wait(timeout, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Takes the named lock for the owner (again, if it holds it already), or throws after the timeout.</summary>
    public IDisposable Lock(string resource, object owner, TimeSpan timeout)
    {
        var entry = _locks.GetOrAdd(resource, _ => new LockEntry());
        lock (entry)
        {
            if (entry.Owner == owner)
            {
                entry.Count++;
                return new Held(entry);
            }
        }

        if (!entry.Gate.Wait(timeout))
        {
            throw new DistributedLockTimeoutException(resource);
        }

        lock (entry)
        {
            entry.Owner = owner;
            entry.Count = 1;
        }

        return new Held(entry);
    }

    public void Dispose()
    {
        Database.Dispose();
        _enqueued.Dispose();
    }

    /// <summary>
    /// One process owns the file, so a job marked as fetched at start was being processed when the last
    /// process died: it goes back to its queue to run again.
    /// </summary>
    private void ReleaseJobsFetchedBeforeStart()
    {
        var fetched = Queue.Find(q => q.FetchedAt != null).ToList();
        if (fetched.Count == 0)
        {
            return;
        }

        Write(() =>
        {
            foreach (var queued in fetched)
            {
                queued.FetchedAt = null;
                Queue.Update(queued);
            }
        });
    }

    private sealed class LockEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public object? Owner { get; set; }

        public int Count { get; set; }
    }

    private sealed class Held(LockEntry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }

            lock (entry)
            {
                if (--entry.Count > 0)
                {
                    return;
                }

                entry.Owner = null;
            }

            entry.Gate.Release();
        }
    }
}

/// <summary>A Hangfire server of this process and its last heartbeat.</summary>
internal sealed record ServerEntry(ServerContext Context, DateTime StartedAt, DateTime Heartbeat);
