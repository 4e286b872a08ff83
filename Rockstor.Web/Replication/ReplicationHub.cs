using Microsoft.AspNetCore.SignalR;
using Rockstor.Web.Accounts;

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
