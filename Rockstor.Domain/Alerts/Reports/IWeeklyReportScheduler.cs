namespace Rockstor.Domain.Alerts.Reports;

/// <summary>Runs the weekly status report at its time (a Hangfire recurring job).</summary>
public interface IWeeklyReportScheduler
{
    void Schedule(string cron);
}
