namespace Rockstor.Domain.Replication.Listening;

/// <summary>The replication listener's socket, moved while the appliance runs.</summary>
public interface IReplicationEndpoint
{
    /// <summary>
    /// Opens the listener at <paramref name="settings"/> before the one open now is closed (a running service
    /// never stops listening), or, while the service is stopped, only checks that it could be opened there.
    /// Throws <see cref="Common.ConflictException"/> with the reason when it cannot; the old listener then runs on.
    /// <paramref name="moved"/> is called once the listener is at the new place, before anything else may start,
    /// stop or move it (the caller stores the new place there, so a start never binds a place the store no longer says).
    /// </summary>
    Task MoveAsync(ReplicationListenerSettings settings, Action moved, CancellationToken ct);
}
