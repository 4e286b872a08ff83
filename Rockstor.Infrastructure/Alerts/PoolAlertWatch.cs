using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Pools.Health;
using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// Raises the pools' alerts: after each scrub that ends (queued, so the operations' poller never waits
/// for a mail server), and by comparing the devices' error counters and the pools' fill at every alert check.
/// </summary>
internal sealed class PoolAlertWatch(PoolOperationMonitor monitor, PoolAlerts alerts, IOptions<RockstorOptions> options, TimeProvider time, ILogger<PoolAlertWatch> logger) : BackgroundService
{
    private readonly Channel<PoolOperation> _ended = Channel.CreateUnbounded<PoolOperation>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.Ended += OnEnded;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        monitor.Ended -= OnEnded;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AlertCheckSeconds), time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var ended = _ended.Reader.WaitToReadAsync(stoppingToken).AsTask();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woke = await Task.WhenAny(tick, ended).ConfigureAwait(false);
                if (woke == tick)
                {
                    await WatchStep.GuardedAsync(logger, () => alerts.CheckDevicesAsync(stoppingToken), "Checking the pools' devices").ConfigureAwait(false);
                    await WatchStep.GuardedAsync(logger, () => alerts.CheckCapacityAsync(stoppingToken), "Checking the pools' fill").ConfigureAwait(false);
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }
                else
                {
                    while (_ended.Reader.TryRead(out var operation))
                    {
                        await WatchStep.GuardedAsync(logger, () => alerts.OperationEndedAsync(operation, stoppingToken), "Raising a scrub's alert").ConfigureAwait(false);
                    }

                    ended = _ended.Reader.WaitToReadAsync(stoppingToken).AsTask();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private Task OnEnded(PoolOperation operation, CancellationToken ct)
    {
        _ended.Writer.TryWrite(operation);
        return Task.CompletedTask;
    }
}
