using Rockstor.Domain.Replication.Trail;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Persistence;

/// <summary>Trails in a real LiteDB file, read through the owner-then-id index.</summary>
public sealed class TrailRepositoryTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private RockstorDatabase _db;

    public TrailRepositoryTests() => _db = new RockstorDatabase(_sandbox.DataDirectory);

    private TrailRepository Trails => new(_db);

    [Fact]
    public void Each_owner_s_attempts_come_newest_first_a_page_at_a_time_however_owners_interleave()
    {
        var written = new Dictionary<int, List<long>> { [1] = [], [2] = [], [12] = [] };
        for (var run = 0; run < 40; run++)
        {
            foreach (var owner in written.Keys)
            {
                written[owner].Add(Save(owner, run % 3 == 0 ? AttemptStatus.Failed : AttemptStatus.Succeeded));
            }
        }

        foreach (var (owner, ids) in written)
        {
            var newestFirst = Enumerable.Reverse(ids).ToList();
            Assert.Equal(newestFirst.Take(25), Trails.List(TrailSide.Send, owner, 0, 25).Select(a => a.Id));
            Assert.Equal(newestFirst.Skip(25), Trails.List(TrailSide.Send, owner, 25, 25).Select(a => a.Id));
            Assert.All(Trails.List(TrailSide.Send, owner, 0, 100), a => Assert.Equal(owner, a.OwnerId));
            Assert.Equal(40, Trails.Count(TrailSide.Send, owner));
            Assert.Equal(newestFirst[0], Trails.Latest(TrailSide.Send, owner)!.Id);
        }

        Assert.Empty(Trails.List(TrailSide.Receive, 1, 0, 25));
        Assert.Null(Trails.Latest(TrailSide.Send, 3));
        Assert.Equal(0, Trails.Count(TrailSide.Send, 3));
    }

    [Fact]
    public void The_last_backup_is_the_newest_succeeded_attempt_even_behind_failures_and_one_that_succeeds_later()
    {
        var succeeded = Save(7, AttemptStatus.Succeeded);
        Save(7, AttemptStatus.Failed);
        Save(8, AttemptStatus.Succeeded);
        Save(7, AttemptStatus.Failed);
        Assert.Equal(succeeded, Trails.LatestSucceeded(TrailSide.Send, 7)!.Id);

        var running = new Attempt { OwnerId = 7, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Running };
        Trails.Save(TrailSide.Send, running);
        Assert.Equal(succeeded, Trails.LatestSucceeded(TrailSide.Send, 7)!.Id);
        running.Status = AttemptStatus.Succeeded;
        Trails.Save(TrailSide.Send, running);

        Assert.Equal(running.Id, Trails.LatestSucceeded(TrailSide.Send, 7)!.Id);
        Assert.Null(Trails.LatestSucceeded(TrailSide.Send, 9));
    }

    [Fact]
    public void A_trail_keeps_its_newest_attempts_only()
    {
        var ids = Enumerable.Range(0, TrailRepository.RowsKept + 3).Select(_ => Save(4, AttemptStatus.Succeeded)).ToList();
        Save(5, AttemptStatus.Succeeded);

        Assert.Equal(TrailRepository.RowsKept, Trails.Count(TrailSide.Send, 4));
        Assert.Equal(ids[3], Trails.List(TrailSide.Send, 4, TrailRepository.RowsKept - 1, 1).Single().Id);
        Assert.Equal(1, Trails.Count(TrailSide.Send, 5));
    }

    [Fact]
    public void A_store_opened_again_reads_its_trails_in_the_same_order()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Save(3, AttemptStatus.Succeeded)).ToList();
        _db.Dispose();
        _db = new RockstorDatabase(_sandbox.DataDirectory);

        Assert.Equal(Enumerable.Reverse(ids), Trails.List(TrailSide.Send, 3, 0, 10).Select(a => a.Id));
    }

    public void Dispose()
    {
        _db.Dispose();
        _sandbox.Dispose();
    }

    private long Save(int owner, AttemptStatus status)
    {
        var attempt = new Attempt { OwnerId = owner, StartedAt = DateTimeOffset.UtcNow, EndedAt = DateTimeOffset.UtcNow, Status = status };
        Trails.Save(TrailSide.Send, attempt);
        return attempt.Id;
    }
}
