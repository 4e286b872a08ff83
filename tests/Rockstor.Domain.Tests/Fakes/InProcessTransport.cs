using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// The sending side's link to other appliances in the same test: a connection's hello, offer and stream go
/// straight to the destination's receiver (its <see cref="ReceiverRouter"/>), as the listener would hand them
/// on, with the sender as the destination knows it. Faults queued with <see cref="Next"/> are played one per
/// connection, in order.
/// </summary>
public sealed class InProcessTransport : IReplicationTransport
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (IReplicationReceiver Receiver, PairedAppliance Sender)> _destinations = new(StringComparer.Ordinal);
    private readonly Queue<LinkFault> _faults = new();

    /// <summary>How many connections said hello and were welcomed.</summary>
    public int Connections { get; private set; }

    /// <summary>Links the destination (by its id) to its receiver, which knows this appliance as <paramref name="sender"/>.</summary>
    public void Link(string destinationId, IReplicationReceiver receiver, PairedAppliance sender)
    {
        lock (_lock)
        {
            _destinations[destinationId] = (receiver, sender);
        }
    }

    /// <summary>The next connection suffers the fault (the ones after it whatever is queued next).</summary>
    public void Next(LinkFault fault)
    {
        lock (_lock)
        {
            _faults.Enqueue(fault);
        }
    }

    public Task<IReplicationSession> ConnectAsync(PairedAppliance destination, int port, ReplicationHello hello, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        LinkFault fault;
        (IReplicationReceiver Receiver, PairedAppliance Sender) there;
        lock (_lock)
        {
            fault = _faults.TryDequeue(out var next) ? next : LinkFault.None;
            if (!_destinations.TryGetValue(destination.Id, out there) || fault.Unreachable is not null)
            {
                throw new PeerUnreachableException($"Could not reach the replication service of {destination.Hostname}: {fault.Unreachable ?? "nothing listens"}.");
            }
        }

        ReplicationWelcome welcome;
        try
        {
            welcome = there.Receiver.Hello(there.Sender, hello);
        }
        catch (ReplicationRefusedException e)
        {
            throw new ReplicationRefusedException($"{destination.Hostname} refused: {e.Message}", e.Transient);
        }

        lock (_lock)
        {
            Connections++;
        }

        return Task.FromResult<IReplicationSession>(new InProcessSession(there.Receiver, there.Sender, destination.Hostname, hello, welcome, fault));
    }
}
