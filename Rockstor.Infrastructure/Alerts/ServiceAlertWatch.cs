using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Services;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// Hears every change of a service's state and passes it to the service alerts, queued, so the monitor
/// that reports a server's end never waits for a mail server.
/// </summary>
internal sealed class ServiceAlertWatch(ServiceMonitor monitor, ServiceAlerts alerts, ILogger<ServiceAlertWatch> logger) : BackgroundService
{
    private readonly Channel<ServiceStatus> _changes = Channel.CreateUnbounded<ServiceStatus>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        monitor.Changed -= OnChanged;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var status in _changes.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await WatchStep.GuardedAsync(logger, () => alerts.StatusChangedAsync(status, stoppingToken), $"Raising the alert of service {status.Name}").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void OnChanged(ServiceStatus status) => _changes.Writer.TryWrite(status);
}
