namespace Rockstor.Domain.Disks.Smart;

/// <summary>The self-test schedule as the admin set it.</summary>
public interface ISelfTestScheduleStore
{
    SelfTestSchedule Load();

    void Save(SelfTestSchedule schedule);
}
