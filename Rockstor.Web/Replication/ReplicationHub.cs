using Microsoft.AspNetCore.SignalR;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Web.Accounts;
using Rockstor.Web.Api;

namespace Rockstor.Web.Replication;

/// <summary>
/// Live replication news for signed-in admins: "attempt" when an attempt starts, changes state or ends,
/// "progress" while bytes flow. Clients only listen. A connection closes when its login ends (logout, new
/// password, absolute lifetime).
/// </summary>
public sealed class ReplicationHub(SessionWatch watch) : Hub
{
    public const string Path = "/hubs/replication";

    private const string Watching = "rockstor:session-watch";

    public override Task OnConnectedAsync()
    {
        if (SessionClaims.Read(Context.User) is { } session)
        {
            Context.Items[Watching] = watch.Watch(session, Context.Abort);
        }

        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(Watching, out var watching))
        {
            (watching as IDisposable)?.Dispose();
        }

        return base.OnDisconnectedAsync(exception);
    }
}

public sealed record AttemptEventDto(string Side, int OwnerId, AttemptDto Attempt);

public sealed record ProgressEventDto(
    string Side,
    int OwnerId,
    long AttemptId,
    long Bytes,
    long BytesPerSecond,
    long StreamBytes,
    long ExpectedBytes,
    double? Percent,
    long? EtaSeconds);

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
