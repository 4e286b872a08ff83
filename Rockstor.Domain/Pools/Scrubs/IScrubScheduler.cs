namespace Rockstor.Domain.Pools.Scrubs;

/// <summary>Runs each pool's scrub at its schedule's times (Hangfire recurring jobs); the pool's record stays the source of truth.</summary>
public interface IScrubScheduler
{
    void Schedule(string pool, string cron);

    void Unschedule(string pool);
}
