using Rockstor.Domain.Replication.Listening;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// The Replication service's stored place and its socket, in memory. A move "binds" at once and calls the
/// caller's callback while it still holds the socket; <see cref="StoredWhenReleased"/> is what the store said
/// at the moment the move let go, when a service start could bind the stored place.
/// </summary>
public sealed class ListenerPlace(ReplicationListenerSettings stored) : IReplicationListenerStore, IReplicationEndpoint, IMachineAddresses, IReservedPorts
{
    private ReplicationListenerSettings _stored = stored;

    public ReplicationListenerSettings? Bound { get; private set; }

    public ReplicationListenerSettings? StoredWhenReleased { get; private set; }

    public ReplicationListenerSettings Load() => _stored;

    public void Save(ReplicationListenerSettings settings) => _stored = settings;

    public Task MoveAsync(ReplicationListenerSettings settings, Action moved, CancellationToken ct)
    {
        Bound = settings;
        moved();
        StoredWhenReleased = _stored;
        return Task.CompletedTask;
    }

    IReadOnlyList<string> IMachineAddresses.List() => ["10.0.0.1", "192.168.1.5"];

    IReadOnlyList<ReservedPort> IReservedPorts.List() => [new ReservedPort(8443, "web-ui")];
}
