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
/// return at once, so the news is queued and told to the alert service one at a time, in order. When the
/// appliance stops, what is queued is still told (until the host's stop deadline), so an alert raised
/// just before a restart is not left untold.
/// </summary>
internal sealed class ReplicationAlertListener(ReplicationEventBus bus, AlertService alerts, ILogger<ReplicationAlertListener> logger) : BackgroundService
{
    private readonly Channel<Func<Task>> _news = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });

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
        if (ExecuteTask is { } telling)
        {
            // The queue ends once drained; the host's deadline bounds the wait.
            await Task.WhenAny(telling, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells what is queued until the queue is completed and empty (at stop), not until the stop is asked.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var tell in _news.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await tell().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One alert that could not be raised must not stop the next, nor the appliance.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Raising or resolving a replication alert failed");
            }
        }
    }

    /// <summary>A run stopped on purpose (its window closed, the appliance shutting down) is no alert.</summary>
    private void OnRunEnded(RunEnd end)
    {
        if (!end.StoppedOnPurpose)
        {
            _news.Writer.TryWrite(() => alerts.RunEndedAsync(end.Task, end.Attempt, CancellationToken.None));
        }
    }

    private void OnTaskDeleted(int taskId) => _news.Writer.TryWrite(() => alerts.TaskDeletedAsync(taskId, CancellationToken.None));
}
