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
                    await GuardedAsync(() => alerts.CheckDevicesAsync(stoppingToken)).ConfigureAwait(false);
                    await GuardedAsync(() => alerts.CheckCapacityAsync(stoppingToken)).ConfigureAwait(false);
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }
                else
                {
                    while (_ended.Reader.TryRead(out var operation))
                    {
                        await GuardedAsync(() => alerts.OperationEndedAsync(operation, stoppingToken)).ConfigureAwait(false);
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

    private async Task GuardedAsync(Func<Task> check)
    {
        try
        {
            await check().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The watch goes on; the next tick or scrub tries again.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Raising a pool's alert failed");
        }
    }
}
