using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Alerts;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// Looks for stale replication tasks every few minutes. It only reads the store (already in memory) and
/// writes nothing unless it raises an alert, so an idle appliance stays idle on its flash.
/// </summary>
internal sealed class AlertWatch(AlertService alerts, IOptions<RockstorOptions> options, TimeProvider time, ILogger<AlertWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AlertCheckSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await alerts.CheckStalenessAsync(stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The watch goes on; the next tick tries again.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    logger.LogWarning(e, "Checking replication tasks for staleness failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
