using Hangfire;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Updates;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>What Hangfire runs at the start of the update window: the automatic update, tried again every 15 minutes while work holds it up.</summary>
public sealed class UpdateJob(UpdateService updates, IBackgroundJobClient jobs, ILogger<UpdateJob> logger)
{
    public static readonly TimeSpan TryAgainIn = TimeSpan.FromMinutes(15);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Automatic update")]
    public async Task RunAsync(CancellationToken ct)
    {
        var outcome = await updates.RunAutomaticAsync(ct).ConfigureAwait(false);
        logger.LogInformation("{Outcome}", outcome.Message);
        if (outcome.TryAgainLater)
        {
            jobs.Schedule<UpdateJob>(job => job.RunAsync(CancellationToken.None), TryAgainIn);
        }
    }
}
