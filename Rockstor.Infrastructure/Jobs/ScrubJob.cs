using Hangfire;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Pools.Scrubs;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>What Hangfire runs for a pool's scrub schedule: it starts the scrub, which the pool's page then follows.</summary>
public sealed class ScrubJob(ScrubScheduleService scrubs, ILogger<ScrubJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scheduled scrub of pool {0}")]
    public async Task RunAsync(string pool, CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await scrubs.RunAsync(pool, ct).ConfigureAwait(false));
}
