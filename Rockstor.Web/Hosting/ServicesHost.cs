using Rockstor.Domain.Appliances;
using Rockstor.Domain.Services;

namespace Rockstor.Web.Hosting;

/// <summary>
/// Starts the services the admin left on, stops them at shutdown, and now and then tells appliances that
/// were removed while unreachable (network only: nothing is written unless one is told).
/// </summary>
public sealed class ServicesHost(ServiceMonitor monitor, PairingService pairing, ILogger<ServicesHost> logger) : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await monitor.StartEnabledAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await monitor.StopAllAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryInterval);
        do
        {
            var told = await pairing.RetryPendingRemovalsAsync(stoppingToken);
            if (told > 0)
            {
                logger.LogInformation("Told {Count} appliance(s) that they were removed while unreachable", told);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
