using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// Alerts hear of replication through its events (replication never calls them): a run that ended
/// raises or resolves its task's alert, a deleted task's alerts are resolved. The bus's handlers must
/// return at once, so the news is queued and told to the alert service one at a time, in order.
/// </summary>
internal sealed class ReplicationAlertListener(ReplicationEventBus bus, AlertService alerts, ILogger<ReplicationAlertListener> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _news = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        bus.RunFinished += OnRunEnded;
        bus.TaskRemoved += OnTaskDeleted;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        bus.RunFinished -= OnRunEnded;
        bus.TaskRemoved -= OnTaskDeleted;
        _news.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var tell in _news.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await tell(stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // One alert that could not be raised must not stop the next.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    logger.LogWarning(e, "Raising or resolving a replication alert failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>A run stopped on purpose (its window closed, the appliance shutting down) is no alert.</summary>
    private void OnRunEnded(RunEnd end)
    {
        if (!end.StoppedOnPurpose)
        {
            _news.Writer.TryWrite(ct => alerts.RunEndedAsync(end.Task, end.Attempt, ct));
        }
    }

    private void OnTaskDeleted(int taskId) => _news.Writer.TryWrite(ct => alerts.TaskDeletedAsync(taskId, ct));
}
