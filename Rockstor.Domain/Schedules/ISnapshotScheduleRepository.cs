namespace Rockstor.Domain.Schedules;

public interface ISnapshotScheduleRepository
{
    IReadOnlyList<SnapshotSchedule> List();

    SnapshotSchedule? Find(int id);

    /// <summary>Adds the schedule (giving it its id) or replaces it.</summary>
    void Save(SnapshotSchedule schedule);

    void Remove(int id);

    /// <summary>Records how a run went, leaving the rest of the schedule as it is now (the admin may have changed it meanwhile).</summary>
    void RecordRun(int id, DateTimeOffset at, string? error);
}
