namespace Rockstor.Domain.Replication.Trail;

public interface ITrailRepository
{
    /// <summary>Adds the attempt (giving it its id) or replaces it.</summary>
    void Save(TrailSide side, Attempt attempt);

    IReadOnlyList<Attempt> List(TrailSide side, int ownerId, int skip = 0, int take = 100);

    Attempt? Latest(TrailSide side, int ownerId);

    /// <summary>How many attempts the trail holds.</summary>
    int Count(TrailSide side, int ownerId);

    /// <summary>The newest attempt that succeeded: the last backup.</summary>
    Attempt? LatestSucceeded(TrailSide side, int ownerId);

    /// <summary>Marks every attempt still running or pending as failed with the reason (after a crash).</summary>
    int FailUnfinished(TrailSide side, string reason, DateTimeOffset at);

    void RemoveAll(TrailSide side, int ownerId);
}
