using System.Collections.Concurrent;

namespace Rockstor.Domain.Replication;

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

/// <summary>
/// The in-process news of replication: open screens subscribe here, and the SignalR hub forwards it to
/// browsers and other clients. Handlers run on the reporting thread and must return quickly. The latest
/// progress of each running attempt is kept (in memory only) so a trail read in between shows it too.
/// </summary>
public sealed class ReplicationEventBus : IReplicationEvents
{
    private readonly ConcurrentDictionary<(TrailSide, long), AttemptProgress> _live = new();

    public event Action<TrailSide, Attempt>? Changed;

    public event Action<AttemptProgress>? Progressed;

    public void AttemptChanged(TrailSide side, Attempt attempt)
    {
        if (attempt.Status != AttemptStatus.Running)
        {
            _live.TryRemove((side, attempt.Id), out _);
        }

        Changed?.Invoke(side, attempt.Copy());
    }

    public void Progress(AttemptProgress progress)
    {
        _live[(progress.Side, progress.AttemptId)] = progress;
        Progressed?.Invoke(progress);
    }

    /// <summary>The attempt as it stands now: with its latest live counts while it runs.</summary>
    public Attempt Live(TrailSide side, Attempt attempt) =>
        attempt.Status == AttemptStatus.Running && _live.TryGetValue((side, attempt.Id), out var progress) ? progress.ApplyTo(attempt) : attempt;
}
