namespace Rockstor.Domain.Replication.Trail;

public interface IIncomingReplicaRepository
{
    IReadOnlyList<IncomingReplica> List();

    IncomingReplica? Find(int id);

    IncomingReplica? Find(string senderApplianceId, int senderTaskId);

    void Save(IncomingReplica replica);
}
