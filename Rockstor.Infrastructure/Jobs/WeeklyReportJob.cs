using Hangfire;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Alerts.Reports;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>What Hangfire runs every week: the status report, mailed when it is on and email is set up.</summary>
public sealed class WeeklyReportJob(WeeklyReportService reports, ILogger<WeeklyReportJob> logger)
{
    [AutomaticRetry(Attempts = 0)] // a mail the server took but whose goodbye failed must not go out twice
    [JobDisplayName("Weekly status report")]
    public async Task RunAsync(CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await reports.RunAsync(ct).ConfigureAwait(false));
}
