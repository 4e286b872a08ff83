using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The transport of a task whose target is this appliance (another pool, a removable disk): the same
/// hello, offer, receive and verdict as over the network, with this appliance's own receiver, and the
/// stream handed over in memory. The receiver applies every check it applies to a peer (ADR-034).
/// </summary>
public sealed class LocalReplicationTransport(IReplicationReceiver receiver, RemovablePools removable, TimeProvider time)
{
    /// <summary>
    /// Says hello to this appliance's receiver; a removable target pool is mounted first (and unmounted when
    /// the session ends), or the run is skipped with <see cref="RemovableDiskAbsentException"/> when its disk is not plugged in.
    /// </summary>
    public async Task<IReplicationSession> ConnectAsync(PairedAppliance self, ReplicationHello hello, CancellationToken ct)
    {
        var hold = await removable.UseAsync(hello.TargetPool, ct).ConfigureAwait(false);
        try
        {
            return new LocalReplicationSession(receiver, self, hello, receiver.Hello(self, hello), hold, time);
        }
        catch
        {
            await hold.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
