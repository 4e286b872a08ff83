using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Replication.Trail;

/// <summary>A share received from another appliance: one per sending task, on the destination.</summary>
public sealed class IncomingReplica
{
    public int Id { get; set; }

    public required string SenderApplianceId { get; init; }

    public required int SenderTaskId { get; init; }

    public required string SourceShare { get; init; }

    public required string ReplicaShare { get; init; }

    public required string Pool { get; init; }

    public DateTimeOffset? LastReceiveAt { get; set; }

    /// <summary>The policy the sender proposed in its last hello.</summary>
    public RetentionPolicy? ProposedRetention { get; set; }

    /// <summary>
    /// The sender's policy this appliance applies: its first proposal, then each later one that keeps at
    /// least as much, or one the admin accepted. A proposal that keeps less is not adopted by itself.
    /// </summary>
    public RetentionPolicy? AdoptedRetention { get; set; }

    /// <summary>The destination admin's own policy for this replica; null applies the sender's adopted one.</summary>
    public RetentionPolicy? Retention { get; set; }

    /// <summary>Days a received snapshot stays whatever any policy says; null takes the appliance's default.</summary>
    public int? ProtectionDays { get; set; }

    /// <summary>The snapshots its policy would delete now that protection keeps (what this side refused to delete).</summary>
    public IReadOnlyList<WithheldDeletion> Withheld { get; set; } = [];

    /// <summary>Set once the replica was made a live share here (its source lost): it then takes no more runs.</summary>
    public ReplicaPromotion? Promotion { get; set; }

    /// <summary>The policy this side applies: the admin's, else the sender's adopted one, else the newest 5.</summary>
    public RetentionPolicy EffectiveRetention => Retention ?? AdoptedRetention ?? RetentionPolicy.KeepLast(5);

    /// <summary>Whose the applied policy is, in words.</summary>
    public string EffectiveRetentionSource => Retention is null ? "adopted from the sender" : "set on this appliance";
}
