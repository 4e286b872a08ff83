using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Replication.Sending;

/// <summary>The sending side of the peer replication socket.</summary>
public interface IReplicationTransport
{
    /// <summary>Connects to the destination (mutual TLS, pinned), says hello, and returns the open session.</summary>
    Task<IReplicationSession> ConnectAsync(PairedAppliance destination, int port, ReplicationHello hello, CancellationToken ct);
}
