using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Incoming replicas in a list, given ids as a store gives them.</summary>
public sealed class IncomingReplicas : IIncomingReplicaRepository
{
    private readonly Lock _lock = new();
    private readonly List<IncomingReplica> _all = [];

    public IReadOnlyList<IncomingReplica> List()
    {
        lock (_lock)
        {
            return _all.ToList();
        }
    }

    public IncomingReplica? Find(int id)
    {
        lock (_lock)
        {
            return _all.FirstOrDefault(r => r.Id == id);
        }
    }

    public IncomingReplica? Find(string senderApplianceId, int senderTaskId)
    {
        lock (_lock)
        {
            return _all.FirstOrDefault(r => r.SenderApplianceId == senderApplianceId && r.SenderTaskId == senderTaskId);
        }
    }

    public void Save(IncomingReplica replica)
    {
        lock (_lock)
        {
            if (replica.Id == 0)
            {
                replica.Id = _all.Count == 0 ? 1 : _all.Max(r => r.Id) + 1;
            }

            _all.RemoveAll(r => r.Id == replica.Id);
            _all.Add(replica);
        }
    }
}
