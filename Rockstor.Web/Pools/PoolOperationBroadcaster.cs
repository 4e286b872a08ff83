using Microsoft.AspNetCore.SignalR;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Web.Api;

namespace Rockstor.Web.Pools;

/// <summary>Forwards the pools' operation news to every connected <see cref="StorageHub"/> client.</summary>
public sealed class PoolOperationBroadcaster(PoolOperationEvents events, IHubContext<StorageHub> hub, ILogger<PoolOperationBroadcaster> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        events.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(PoolOperation operation) =>
        hub.Clients.All.SendAsync("operation", PoolOperationDto.From(operation)).ContinueWith(
            t => logger.LogDebug(t.Exception, "A pool operation event could not be broadcast"),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
}
