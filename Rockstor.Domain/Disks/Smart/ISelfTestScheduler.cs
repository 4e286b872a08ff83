namespace Rockstor.Domain.Disks.Smart;

/// <summary>Runs the disks' self-tests of one kind at a schedule's times (a Hangfire recurring job); the store stays the source of truth.</summary>
public interface ISelfTestScheduler
{
    void Schedule(SelfTestKind kind, string cron);

    void Unschedule(SelfTestKind kind);
}
