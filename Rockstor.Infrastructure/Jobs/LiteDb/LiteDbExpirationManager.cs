using Hangfire.Server;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

/// <summary>Removes what has expired: finished jobs with their states and queue entries, and keys of sets, lists, hashes and counters.</summary>
#pragma warning disable CS0618 // IBackgroundProcess is how Hangfire 1.8 runs a storage's own processes.
internal sealed class LiteDbExpirationManager(LiteDbJobStore store, TimeSpan interval) : IBackgroundProcess
#pragma warning restore CS0618
{
    public void Execute(BackgroundProcessContext context)
    {
        RemoveExpired(DateTime.UtcNow);
        context.Wait(interval);
    }

    /// <summary>Removes what expired before <paramref name="now"/>; writes nothing when nothing has.</summary>
    internal int RemoveExpired(DateTime now)
    {
        var jobs = store.Jobs.Find(j => j.ExpireAt != null && j.ExpireAt < now).Select(j => j.Id).ToList();
        var sets = store.Sets.Count(s => s.ExpireAt != null && s.ExpireAt < now);
        var lists = store.Lists.Count(l => l.ExpireAt != null && l.ExpireAt < now);
        var hashes = store.Hashes.Count(h => h.ExpireAt != null && h.ExpireAt < now);
        var counters = store.Counters.Count(c => c.ExpireAt != null && c.ExpireAt < now);
        if (jobs.Count + sets + lists + hashes + counters == 0)
        {
            return 0;
        }

        store.Write(() =>
        {
            foreach (var id in jobs)
            {
                store.States.DeleteMany(s => s.JobId == id);
                store.Queue.DeleteMany(q => q.JobId == id);
                store.Jobs.Delete(id);
            }

            store.Sets.DeleteMany(s => s.ExpireAt != null && s.ExpireAt < now);
            store.Lists.DeleteMany(l => l.ExpireAt != null && l.ExpireAt < now);
            store.Hashes.DeleteMany(h => h.ExpireAt != null && h.ExpireAt < now);
            store.Counters.DeleteMany(c => c.ExpireAt != null && c.ExpireAt < now);
        });
        return jobs.Count + sets + lists + hashes + counters;
    }
}
