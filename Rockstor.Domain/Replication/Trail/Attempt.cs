namespace Rockstor.Domain.Replication.Trail;

/// <summary>One attempt of a replication run, on either side: a row of a trail.</summary>
public sealed class Attempt
{
    public long Id { get; set; }

    /// <summary>The send task id on the source; the incoming replica's id on the destination.</summary>
    public required int OwnerId { get; init; }

    public AttemptStatus Status { get; set; } = AttemptStatus.Pending;

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? Snapshot { get; set; }

    /// <summary>The parent snapshot of an incremental send; null for a full send.</summary>
    public string? Parent { get; set; }

    /// <summary>Bytes that crossed the link.</summary>
    public long Bytes { get; set; }

    /// <summary>The send stream's own size; more than <see cref="Bytes"/> when it was compressed on the wire.</summary>
    public long StreamBytes { get; set; }

    /// <summary>The stream's size as estimated before it was sent (0 when unknown): the base of percent and ETA.</summary>
    public long ExpectedBytes { get; set; }

    /// <summary>Where in the stream the try that got through started: above 0 when it resumed a cut transfer.</summary>
    public long ResumedFrom { get; set; }

    /// <summary>Seconds left at the current rate, while running and known (live only, not stored).</summary>
    public long? EtaSeconds { get; set; }

    /// <summary>How much of the stream has gone: 100 once succeeded, an estimate while running, else unknown.</summary>
    public double? Percent => Status switch
    {
        AttemptStatus.Succeeded => 100,
        AttemptStatus.Running => ReplicationRules.Percent(StreamBytes, ExpectedBytes),
        _ => null,
    };

    public long BytesPerSecond { get; set; }

    public string? Error { get; set; }

    /// <summary>What the attempt was, when it is not a plain run of the task: "Failback to nas1 as share docs-restored".</summary>
    public string? Note { get; set; }

    /// <summary>How many times the run tried again after a transient failure.</summary>
    public int Retries { get; set; }

    /// <summary>A copy to hand to other threads while this one goes on changing.</summary>
    public Attempt Copy() => (Attempt)MemberwiseClone();
}
