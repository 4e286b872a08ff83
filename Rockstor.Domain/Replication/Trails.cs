namespace Rockstor.Domain.Replication;

public enum AttemptStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}

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

public enum TrailSide
{
    Send,
    Receive,
}

public interface ITrailRepository
{
    /// <summary>Adds the attempt (giving it its id) or replaces it.</summary>
    void Save(TrailSide side, Attempt attempt);

    IReadOnlyList<Attempt> List(TrailSide side, int ownerId, int skip = 0, int take = 100);

    Attempt? Latest(TrailSide side, int ownerId);

    /// <summary>How many attempts the trail holds.</summary>
    int Count(TrailSide side, int ownerId);

    /// <summary>The newest attempt that succeeded: the last backup.</summary>
    Attempt? LatestSucceeded(TrailSide side, int ownerId);

    /// <summary>Marks every attempt still running or pending as failed with the reason (after a crash).</summary>
    int FailUnfinished(TrailSide side, string reason, DateTimeOffset at);

    void RemoveAll(TrailSide side, int ownerId);
}

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

public interface IIncomingReplicaRepository
{
    IReadOnlyList<IncomingReplica> List();

    IncomingReplica? Find(int id);

    IncomingReplica? Find(string senderApplianceId, int senderTaskId);

    void Save(IncomingReplica replica);
}

/// <summary>
/// A connection or request this appliance refused (an unpaired sender, a missing pool, a stream that tried
/// to write outside its subvolume). <see cref="From"/> is the address it came from; the same refusal
/// repeated is one record: <see cref="Count"/> times from <see cref="FirstAt"/> to <see cref="At"/>.
/// </summary>
public sealed record Refusal(DateTimeOffset At, string From, string? SenderApplianceId, string Reason, int Count = 1, DateTimeOffset? FirstAt = null);

public interface IRefusalLog
{
    void Add(Refusal refusal);

    IReadOnlyList<Refusal> Latest(int count);
}

/// <summary>Live news of replication for open screens and the SignalR hub.</summary>
public interface IReplicationEvents
{
    void AttemptChanged(TrailSide side, Attempt attempt);

    void Progress(AttemptProgress progress);
}
