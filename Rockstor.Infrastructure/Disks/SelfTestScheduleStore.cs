using LiteDB;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Disks;

internal sealed class SelfTestScheduleDocument
{
    /// <summary>Always 1: one schedule for all disks.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public string? Short { get; set; }

    public string? Long { get; set; }
}

internal sealed class SelfTestScheduleStore(RockstorDatabase db) : ISelfTestScheduleStore
{
    private ILiteCollection<SelfTestScheduleDocument> Collection => db.Database.GetCollection<SelfTestScheduleDocument>("self_test_schedule");

    public SelfTestSchedule Load() => Collection.FindById(1) is { } d ? new SelfTestSchedule(d.Short, d.Long) : SelfTestSchedule.None;

    public void Save(SelfTestSchedule schedule) => Collection.Upsert(new SelfTestScheduleDocument { Short = schedule.Short, Long = schedule.Long });
}
