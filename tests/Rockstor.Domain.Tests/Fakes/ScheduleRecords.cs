using Rockstor.Domain.Schedules;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Snapshot schedules in a list, and the recurring jobs a scheduler would hold for them.</summary>
public sealed class ScheduleRecords : ISnapshotScheduleRepository, ISnapshotScheduler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, SnapshotSchedule> _all = [];
    private int _next;

    /// <summary>The schedules with a recurring job, by id.</summary>
    public HashSet<int> Scheduled { get; } = [];

    /// <summary>The schedules "Run now" was asked of, in order.</summary>
    public List<int> RunsAsked { get; } = [];

    public IReadOnlyList<SnapshotSchedule> List()
    {
        lock (_lock)
        {
            return _all.Values.OrderBy(s => s.Id).Select(Copy).ToList();
        }
    }

    public SnapshotSchedule? Find(int id)
    {
        lock (_lock)
        {
            return _all.TryGetValue(id, out var found) ? Copy(found) : null;
        }
    }

    public void Save(SnapshotSchedule schedule)
    {
        lock (_lock)
        {
            if (schedule.Id == 0)
            {
                schedule.Id = ++_next;
            }

            _all[schedule.Id] = Copy(schedule);
        }
    }

    public void Remove(int id)
    {
        lock (_lock)
        {
            _all.Remove(id);
        }
    }

    public void RecordRun(int id, DateTimeOffset at, string? error)
    {
        lock (_lock)
        {
            if (_all.TryGetValue(id, out var found))
            {
                found.LastRunAt = at;
                found.LastError = error;
            }
        }
    }

    public void Schedule(SnapshotSchedule schedule) => Scheduled.Add(schedule.Id);

    public void Unschedule(int scheduleId) => Scheduled.Remove(scheduleId);

    public void RunNow(int scheduleId) => RunsAsked.Add(scheduleId);

    private static SnapshotSchedule Copy(SnapshotSchedule s) => new()
    {
        Id = s.Id,
        Shares = [.. s.Shares],
        FrequencyMinutes = s.FrequencyMinutes,
        Cron = s.Cron,
        Prefix = s.Prefix,
        Writable = s.Writable,
        Retention = s.Retention,
        Enabled = s.Enabled,
        CreatedAt = s.CreatedAt,
        LastRunAt = s.LastRunAt,
        LastError = s.LastError,
    };
}
