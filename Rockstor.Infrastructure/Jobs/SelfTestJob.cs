using Hangfire;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>What Hangfire runs for the disks' self-test schedule: it starts the self-tests, whose results show in each disk's SMART data.</summary>
public sealed class SelfTestJob(SelfTestScheduleService schedules, ILogger<SelfTestJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scheduled {0} self-test of the disks")]
    public async Task RunAsync(SelfTestKind kind, CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await schedules.RunAsync(kind, ct).ConfigureAwait(false));
}
