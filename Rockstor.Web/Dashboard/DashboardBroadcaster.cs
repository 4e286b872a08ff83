using Microsoft.AspNetCore.SignalR;
using Rockstor.Domain.Dashboard;
using Rockstor.Web.Api;

namespace Rockstor.Web.Dashboard;

/// <summary>
/// Watches the <see cref="DashboardFeed"/> while at least one <see cref="DashboardHub"/> client is
/// connected and sends each snapshot to them all; the last to leave ends the watch, and with it the
/// feed's timer (unless a page still watches).
/// </summary>
public sealed partial class DashboardBroadcaster(DashboardFeed feed, IHubContext<DashboardHub> hub, ILogger<DashboardBroadcaster> logger) : IDisposable
{
    public const string Message = "snapshot";

    private readonly Lock _lock = new();
    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);
    private IDisposable? _watching;

    public int Connections
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    public void Join(string connectionId)
    {
        lock (_lock)
        {
            if (_connections.Add(connectionId) && _connections.Count == 1)
            {
                _watching = feed.Watch(Send);
            }
        }
    }

    public void Leave(string connectionId)
    {
        lock (_lock)
        {
            if (_connections.Remove(connectionId) && _connections.Count == 0)
            {
                _watching?.Dispose();
                _watching = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _connections.Clear();
            _watching?.Dispose();
            _watching = null;
        }
    }

    private void Send(DashboardSnapshot snapshot) =>
        hub.Clients.All.SendAsync(Message, DashboardDto.From(snapshot)).ContinueWith(
            t => LogNotSent(logger, t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A dashboard snapshot could not be sent")]
    private static partial void LogNotSent(ILogger logger, Exception? exception);
}
