using System.Globalization;
using Hangfire;
using Rockstor.Domain.Updates;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>The automatic update as one Hangfire recurring job, daily at the start of its window (UTC); none while automatic updates are off.</summary>
public sealed class HangfireUpdateScheduler(IRecurringJobManager recurring) : IUpdateScheduler
{
    public const string RecurringJobId = "automatic-update";

    public void Schedule(UpdateSettings settings)
    {
        if (!settings.Automatic)
        {
            recurring.RemoveIfExists(RecurringJobId);
            return;
        }

        var start = settings.Window.Start;
        var cron = string.Create(CultureInfo.InvariantCulture, $"{start.Minute} {start.Hour} * * *");
        recurring.AddOrUpdate<UpdateJob>(RecurringJobId, job => job.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
