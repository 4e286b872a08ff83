using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Infrastructure.Replication;

/// <summary>The runner's transport: in process for a task to this appliance itself, the peer socket for a paired appliance.</summary>
public sealed class ReplicationTransports(ReplicationClient network, LocalReplicationTransport local, ApplianceIdentity identity) : IReplicationTransport
{
    public Task<IReplicationSession> ConnectAsync(PairedAppliance destination, int port, ReplicationHello hello, CancellationToken ct) =>
        identity.IsOwn(destination.Id)
            ? local.ConnectAsync(destination, hello, ct)
            : network.ConnectAsync(destination, port, hello, ct);
}
