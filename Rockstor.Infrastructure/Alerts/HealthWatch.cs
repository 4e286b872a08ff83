using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// Every <see cref="RockstorOptions.SmartCheckMinutes"/>: the disks' SMART data and the certificate's
/// expiry, for their alerts. It reads; it writes only when a disk's counts changed or an alert is raised.
/// </summary>
internal sealed class HealthWatch(SmartAlerts smart, CertificateAlerts certificate, IOptions<RockstorOptions> options, TimeProvider time, ILogger<HealthWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SmartCheckMinutes), time);
        try
        {
            await CheckAsync(stoppingToken).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        await WatchStep.GuardedAsync(logger, () => certificate.CheckAsync(ct), "Checking the certificate's expiry").ConfigureAwait(false);
        await WatchStep.GuardedAsync(logger, () => smart.CheckAsync(ct), "Checking the disks' SMART data").ConfigureAwait(false);
    }
}
