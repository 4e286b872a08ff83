using Rockstor.Web.Accounts;

namespace Rockstor.Web.Dashboard;

/// <summary>
/// The dashboard's snapshots for signed-in clients: "snapshot" every few seconds, sent only while at
/// least one client is connected (<see cref="DashboardBroadcaster"/> counts them). Clients only listen. A
/// connection closes when its login ends.
/// </summary>
public sealed class DashboardHub(SessionWatch watch, DashboardBroadcaster broadcaster) : SessionBoundHub(watch)
{
    public const string Path = "/hubs/dashboard";

    public override async Task OnConnectedAsync()
    {
        await base.OnConnectedAsync();
        broadcaster.Join(Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        broadcaster.Leave(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
