namespace Rockstor.Domain.Schedules;

/// <summary>Runs each snapshot schedule at its times (Hangfire recurring jobs); the store stays the source of truth.</summary>
public interface ISnapshotScheduler
{
    void Schedule(SnapshotSchedule schedule);

    void Unschedule(int scheduleId);

    /// <summary>Queues a run now ("Run now").</summary>
    void RunNow(int scheduleId);
}
