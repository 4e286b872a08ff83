using Microsoft.AspNetCore.SignalR;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Web.Api;

namespace Rockstor.Web.Replication;

/// <summary>Forwards the in-process replication events to every connected hub client.</summary>
public sealed class ReplicationBroadcaster(ReplicationEventBus bus, IHubContext<ReplicationHub> hub, ILogger<ReplicationBroadcaster> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Changed += OnChanged;
        bus.Progressed += OnProgress;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        bus.Changed -= OnChanged;
        bus.Progressed -= OnProgress;
        return Task.CompletedTask;
    }

    private static string SideName(TrailSide side) => side.ToString().ToLowerInvariant();

    private void OnChanged(TrailSide side, Attempt attempt) =>
        Forward(hub.Clients.All.SendAsync("attempt", new AttemptEventDto(SideName(side), attempt.OwnerId, AttemptDto.From(attempt))));

    private void OnProgress(AttemptProgress p) =>
        Forward(hub.Clients.All.SendAsync("progress", new ProgressEventDto(SideName(p.Side), p.OwnerId, p.AttemptId, p.Bytes, p.BytesPerSecond, p.StreamBytes, p.ExpectedBytes, p.Percent, p.EtaSeconds)));

    /// <summary>The run does not wait for browsers; a failed broadcast is only logged.</summary>
    private void Forward(Task sending) =>
        sending.ContinueWith(
            t => logger.LogDebug(t.Exception, "A replication event could not be broadcast"),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
}
