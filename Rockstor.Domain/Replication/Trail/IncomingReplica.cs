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
}
