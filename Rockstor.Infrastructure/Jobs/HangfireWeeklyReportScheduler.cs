using Hangfire;
using Rockstor.Domain.Alerts.Reports;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>The weekly status report as one Hangfire recurring job.</summary>
public sealed class HangfireWeeklyReportScheduler(IRecurringJobManager recurring) : IWeeklyReportScheduler
{
    public const string RecurringJobId = "weekly-status-report";

    public void Schedule(string cron) =>
        recurring.AddOrUpdate<WeeklyReportJob>(RecurringJobId, job => job.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
