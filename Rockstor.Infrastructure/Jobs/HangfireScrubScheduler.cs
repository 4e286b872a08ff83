using Hangfire;
using Rockstor.Domain.Pools.Scrubs;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>One Hangfire recurring job per pool with a scrub schedule.</summary>
public sealed class HangfireScrubScheduler(IRecurringJobManager recurring) : IScrubScheduler
{
    public static string RecurringJobId(string pool) => $"pool-scrub-{pool}";

    public void Schedule(string pool, string cron) =>
        recurring.AddOrUpdate<ScrubJob>(RecurringJobId(pool), job => job.RunAsync(pool, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    public void Unschedule(string pool) => recurring.RemoveIfExists(RecurringJobId(pool));
}
