using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Replication.Listening;

/// <summary>
/// A paired appliance announced its new replication port: its record here and the tasks that replicate to it
/// on the old port take the new one. A task whose port the admin set to something else (a NAT's port) keeps it.
/// </summary>
public sealed class PeerReplicationPort(IPairedApplianceRepository appliances, IReplicationTaskRepository tasks)
{
    /// <summary>Records <paramref name="port"/> for the appliance <paramref name="callerId"/> (only ever the caller itself); returns how many tasks moved with it.</summary>
    public int Record(string callerId, int port)
    {
        if (port is < ReplicationListenerService.MinPort or > ReplicationListenerService.MaxPort)
        {
            throw new ValidationException($"{port} is not a port: it must be from {ReplicationListenerService.MinPort} to {ReplicationListenerService.MaxPort}.");
        }

        var peer = appliances.Find(callerId) is { State: PairingState.Paired } paired
            ? paired
            : throw new NotFoundException("This appliance is not paired with the caller.");
        var old = peer.ReplicationPort;
        peer.ReplicationPort = port;
        appliances.Save(peer);
        var moved = 0;
        foreach (var task in tasks.List().Where(t => t.TargetApplianceId == callerId && t.Port == old && old != port))
        {
            task.Port = port;
            tasks.Save(task);
            moved++;
        }

        return moved;
    }
}
