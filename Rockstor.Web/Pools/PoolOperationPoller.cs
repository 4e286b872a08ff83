using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Web.Pools;

/// <summary>
/// Once the appliance has started (its pools mounted), takes up the operations btrfs is still running,
/// then asks btrfs about those in progress every second, and every few seconds when there are none.
/// </summary>
public sealed class PoolOperationPoller(PoolOperationMonitor monitor, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<PoolOperationPoller> logger) : BackgroundService
{
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            await RoundAsync(monitor.RecoverAsync, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(monitor.AnyActive ? Busy : Idle, time, stoppingToken);
                await RoundAsync(monitor.PollAsync, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; btrfs goes on, and the next start takes the operations up again.
        }
    }

    private Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }

    private async Task RoundAsync(Func<CancellationToken, Task> round, CancellationToken ct)
    {
        try
        {
            await round(ct);
        }
#pragma warning disable CA1031 // The poller goes on; the next round asks btrfs again.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Following the pools' operations failed");
        }
    }
}
