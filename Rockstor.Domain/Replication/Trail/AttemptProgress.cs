namespace Rockstor.Domain.Replication.Trail;

/// <summary>
/// A progress report of a running attempt: what crossed the link (<see cref="Bytes"/>), how much of the
/// send stream that was, the stream's expected size, and from them percent and time left.
/// </summary>
public sealed record AttemptProgress(
    TrailSide Side,
    int OwnerId,
    long AttemptId,
    long Bytes,
    long BytesPerSecond,
    long StreamBytes,
    long ExpectedBytes,
    long? EtaSeconds)
{
    public double? Percent => ReplicationRules.Percent(StreamBytes, ExpectedBytes);

    /// <summary>The progress of <paramref name="attempt"/> with these counts, as of <paramref name="now"/>.</summary>
    public static AttemptProgress Of(TrailSide side, Attempt attempt, long bytes, long streamBytes, long expectedBytes, DateTimeOffset now)
    {
        var elapsed = now - attempt.StartedAt;
        return new AttemptProgress(
            side,
            attempt.OwnerId,
            attempt.Id,
            bytes,
            ReplicationRules.Rate(bytes, elapsed),
            streamBytes,
            expectedBytes,
            ReplicationRules.EtaSeconds(streamBytes, expectedBytes, elapsed));
    }

    /// <summary>A copy of <paramref name="attempt"/> with these live counts.</summary>
    public Attempt ApplyTo(Attempt attempt)
    {
        var live = attempt.Copy();
        live.Bytes = Bytes;
        live.BytesPerSecond = BytesPerSecond;
        live.StreamBytes = StreamBytes;
        live.ExpectedBytes = ExpectedBytes;
        live.EtaSeconds = EtaSeconds;
        return live;
    }
}
