using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Persistence;

/// <summary>Ids that snapshots carry, in a real LiteDB file reopened as after a restart.</summary>
public sealed class IdSequencesTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private RockstorDatabase _db;

    public IdSequencesTests() => _db = new RockstorDatabase(_sandbox.DataDirectory);

    public void Dispose()
    {
        _db.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public void The_id_of_the_schedule_deleted_last_is_not_given_again_after_a_restart()
    {
        var schedules = new SnapshotScheduleRepository(_db, new IdSequences(_db));
        var first = Schedule("first");
        schedules.Save(first);
        var last = Schedule("second");
        schedules.Save(last);
        schedules.Remove(last.Id);

        Restart();
        var next = Schedule("third");
        new SnapshotScheduleRepository(_db, new IdSequences(_db)).Save(next);

        Assert.Equal((1, 2, 3), (first.Id, last.Id, next.Id));
    }

    [Fact]
    public void The_id_of_the_replication_task_deleted_last_is_not_given_again_after_a_restart()
    {
        var tasks = new ReplicationTaskRepository(_db, new IdSequences(_db));
        var last = Task("docs");
        tasks.Save(last);
        tasks.Remove(last.Id);

        Restart();
        var next = Task("docs");
        new ReplicationTaskRepository(_db, new IdSequences(_db)).Save(next);

        Assert.Equal(last.Id + 1, next.Id);
        Assert.Equal(RetentionPolicy.KeepLast(3), new ReplicationTaskRepository(_db, new IdSequences(_db)).Find(next.Id)!.Retention);
    }

    private void Restart()
    {
        _db.Dispose();
        _db = new RockstorDatabase(_sandbox.DataDirectory);
    }

    private static SnapshotSchedule Schedule(string prefix) => new()
    {
        Shares = ["docs"],
        FrequencyMinutes = 60,
        Prefix = prefix,
        Writable = false,
        Retention = RetentionPolicy.KeepLast(2),
        Enabled = true,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static ReplicationTask Task(string share) => new()
    {
        Share = share,
        TargetApplianceId = "0abc",
        TargetPool = "tank",
        FrequencyMinutes = 60,
        Port = 10002,
        Retention = RetentionPolicy.KeepLast(3),
        Enabled = true,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
