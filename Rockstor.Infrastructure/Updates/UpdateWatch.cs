using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Updates;
using Rockstor.Infrastructure.Alerts;

namespace Rockstor.Infrastructure.Updates;

/// <summary>
/// Follows the updater: at start, settles the outcome of an update that restarted the appliance (an alert
/// if it was rolled back); then reads its progress every second while it runs, and nothing otherwise.
/// </summary>
public sealed class UpdateWatch(UpdateService updates, ILogger<UpdateWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WatchStep.GuardedAsync(logger, () => updates.FollowAsync(stoppingToken), "Following the update").ConfigureAwait(false);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (updates.Running)
            {
                await WatchStep.GuardedAsync(logger, () => updates.FollowAsync(stoppingToken), "Following the update").ConfigureAwait(false);
            }
        }
    }
}
