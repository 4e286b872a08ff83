using Hangfire;
using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>One Hangfire recurring job per kind of self-test that has a schedule.</summary>
public sealed class HangfireSelfTestScheduler(IRecurringJobManager recurring) : ISelfTestScheduler
{
    public static string RecurringJobId(SelfTestKind kind) => $"disks-self-test-{kind.ToString().ToLowerInvariant()}";

    public void Schedule(SelfTestKind kind, string cron) =>
        recurring.AddOrUpdate<SelfTestJob>(RecurringJobId(kind), job => job.RunAsync(kind, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    public void Unschedule(SelfTestKind kind) => recurring.RemoveIfExists(RecurringJobId(kind));
}
