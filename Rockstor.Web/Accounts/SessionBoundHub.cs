using Microsoft.AspNetCore.SignalR;

namespace Rockstor.Web.Accounts;

/// <summary>A hub whose connections close when the login they were opened with ends (logout, new password, absolute lifetime).</summary>
public abstract class SessionBoundHub(SessionWatch watch) : Hub
{
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
