using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The transport of a task whose target is this appliance (another pool, a removable disk): the same
/// hello, offer, receive and verdict as over the network, with this appliance's own receiver, and the
/// stream handed over in memory. The receiver applies every check it applies to a peer (ADR-034).
/// </summary>
public sealed class LocalReplicationTransport(IReplicationReceiver receiver, TimeProvider time)
{
    public Task<IReplicationSession> ConnectAsync(PairedAppliance self, ReplicationHello hello) =>
        Task.FromResult<IReplicationSession>(new LocalReplicationSession(receiver, self, hello, receiver.Hello(self, hello), time));
}
