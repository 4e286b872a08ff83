using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;

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

    public void SaveSenderPolicy(int id, RetentionPolicy? proposed, RetentionPolicy? adopted) => Change(id, r =>
    {
        r.ProposedRetention = proposed;
        r.AdoptedRetention = adopted;
    });

    public void SaveReceive(int id, DateTimeOffset at, IReadOnlyList<WithheldDeletion> withheld) => Change(id, r =>
    {
        r.LastReceiveAt = at;
        r.Withheld = withheld;
    });

    public void SaveOwnHistory(int id, RetentionPolicy? retention, RetentionPolicy? adopted, int? protectionDays) => Change(id, r =>
    {
        r.Retention = retention;
        r.AdoptedRetention = adopted;
        r.ProtectionDays = protectionDays;
    });

    public void SavePromotion(int id, Domain.Replication.Promotion.ReplicaPromotion? promotion) => Change(id, r => r.Promotion = promotion);

    private void Change(int id, Action<IncomingReplica> change)
    {
        lock (_lock)
        {
            if (_all.FirstOrDefault(r => r.Id == id) is { } replica)
            {
                change(replica);
            }
        }
    }
}
