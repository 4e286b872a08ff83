using Rockstor.Domain.Schedules;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class SnapshotScheduleRepository(RockstorDatabase db, IdSequences ids) : ISnapshotScheduleRepository
{
    public IReadOnlyList<SnapshotSchedule> List() => db.SnapshotSchedules.FindAll().OrderBy(s => s.Id).Select(ToSchedule).ToList();

    public SnapshotSchedule? Find(int id) => db.SnapshotSchedules.FindById(id) is { } d ? ToSchedule(d) : null;

    public void Save(SnapshotSchedule schedule)
    {
        var document = new SnapshotScheduleDocument
        {
            Id = schedule.Id,
            Shares = [.. schedule.Shares],
            FrequencyMinutes = schedule.FrequencyMinutes,
            Cron = schedule.Cron,
            Prefix = schedule.Prefix,
            Writable = schedule.Writable,
            Retention = RetentionDocument.Of(schedule.Retention)!,
            Enabled = schedule.Enabled,
            CreatedAt = schedule.CreatedAt.UtcDateTime,
            LastRunAt = schedule.LastRunAt?.UtcDateTime,
            LastError = schedule.LastError,
        };
        if (schedule.Id == 0)
        {
            // Its snapshots carry its id: a later schedule must never get it (ADR-026).
            document.Id = schedule.Id = ids.Next("snapshot_schedules", db.SnapshotSchedules.Query().Select(s => s.Id).ToList().DefaultIfEmpty(0).Max());
            db.SnapshotSchedules.Insert(document);
        }
        else
        {
            db.SnapshotSchedules.Upsert(document);
        }
    }

    public void Remove(int id) => db.SnapshotSchedules.Delete(id);

    public void RecordRun(int id, DateTimeOffset at, string? error)
    {
        if (db.SnapshotSchedules.FindById(id) is { } d)
        {
            d.LastRunAt = at.UtcDateTime;
            d.LastError = error;
            db.SnapshotSchedules.Update(d);
        }
    }

    internal static SnapshotSchedule ToSchedule(SnapshotScheduleDocument d) => new()
    {
        Id = d.Id,
        Shares = d.Shares,
        FrequencyMinutes = d.FrequencyMinutes,
        Cron = d.Cron,
        Prefix = d.Prefix,
        Writable = d.Writable,
        Retention = d.Retention.ToPolicy(),
        Enabled = d.Enabled,
        CreatedAt = PoolRepository.Utc(d.CreatedAt),
        LastRunAt = d.LastRunAt is { } last ? PoolRepository.Utc(last) : null,
        LastError = d.LastError,
    };
}
