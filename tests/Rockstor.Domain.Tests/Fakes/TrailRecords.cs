using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Both trails in lists, newest first as the store reads them; each read is a copy.</summary>
public sealed class TrailRecords : ITrailRepository
{
    private readonly Lock _lock = new();
    private readonly List<(TrailSide Side, Attempt Attempt)> _all = [];
    private long _lastId;

    public void Save(TrailSide side, Attempt attempt)
    {
        lock (_lock)
        {
            if (attempt.Id == 0)
            {
                attempt.Id = ++_lastId;
            }

            _all.RemoveAll(a => a.Side == side && a.Attempt.Id == attempt.Id);
            _all.Add((side, attempt.Copy()));
        }
    }

    public IReadOnlyList<Attempt> List(TrailSide side, int ownerId, int skip = 0, int take = 100) =>
        Of(side, ownerId).Skip(skip).Take(take).ToList();

    public Attempt? Latest(TrailSide side, int ownerId) => Of(side, ownerId).FirstOrDefault();

    public int Count(TrailSide side, int ownerId) => Of(side, ownerId).Count;

    public Attempt? LatestSucceeded(TrailSide side, int ownerId) => Of(side, ownerId).FirstOrDefault(a => a.Status == AttemptStatus.Succeeded);

    public int FailUnfinished(TrailSide side, string reason, DateTimeOffset at)
    {
        lock (_lock)
        {
            var unfinished = _all.Where(a => a.Side == side && a.Attempt.Status is AttemptStatus.Running or AttemptStatus.Pending).ToList();
            foreach (var (_, attempt) in unfinished)
            {
                attempt.Status = AttemptStatus.Failed;
                attempt.Error = reason;
                attempt.EndedAt = at;
            }

            return unfinished.Count;
        }
    }

    public void RemoveAll(TrailSide side, int ownerId)
    {
        lock (_lock)
        {
            _all.RemoveAll(a => a.Side == side && a.Attempt.OwnerId == ownerId);
        }
    }

    private List<Attempt> Of(TrailSide side, int ownerId)
    {
        lock (_lock)
        {
            return _all.Where(a => a.Side == side && a.Attempt.OwnerId == ownerId).OrderByDescending(a => a.Attempt.Id).Select(a => a.Attempt.Copy()).ToList();
        }
    }
}
