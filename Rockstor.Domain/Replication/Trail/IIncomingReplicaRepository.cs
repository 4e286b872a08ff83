using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Replication.Trail;

/// <summary>
/// The incoming replicas. Besides adding one, each change writes only its own fields, so what a receive
/// records never overwrites what the admin set meanwhile, nor the other way round.
/// </summary>
public interface IIncomingReplicaRepository
{
    IReadOnlyList<IncomingReplica> List();

    IncomingReplica? Find(int id);

    IncomingReplica? Find(string senderApplianceId, int senderTaskId);

    /// <summary>Adds the replica, giving it its id.</summary>
    void Save(IncomingReplica replica);

    /// <summary>What the sender proposed last, and the sender's policy this appliance applies.</summary>
    void SaveSenderPolicy(int id, RetentionPolicy? proposed, RetentionPolicy? adopted);

    /// <summary>When a snapshot last arrived, and what protection then withheld from the policy.</summary>
    void SaveReceive(int id, DateTimeOffset at, IReadOnlyList<WithheldDeletion> withheld);

    /// <summary>The admin's own policy (null: the sender's adopted one), the sender's adopted policy, and the protection period (null: the default).</summary>
    void SaveOwnHistory(int id, RetentionPolicy? retention, RetentionPolicy? adopted, int? protectionDays);

    /// <summary>The replica's promotion to a live share (null: none, as when making the share failed).</summary>
    void SavePromotion(int id, ReplicaPromotion? promotion);
}
