namespace Rockstor.Domain.Replication;

/// <summary>A progress report of a running attempt.</summary>
public sealed record AttemptProgress(TrailSide Side, int OwnerId, long AttemptId, long Bytes, long BytesPerSecond);

/// <summary>
/// The in-process news of replication: open screens subscribe here, and the SignalR hub forwards it to
/// browsers and other clients. Handlers run on the reporting thread and must return quickly.
/// </summary>
public sealed class ReplicationEventBus : IReplicationEvents
{
    public event Action<TrailSide, Attempt>? Changed;

    public event Action<AttemptProgress>? Progressed;

    public void AttemptChanged(TrailSide side, Attempt attempt) => Changed?.Invoke(side, attempt.Copy());

    public void Progress(TrailSide side, int ownerId, long attemptId, long bytes, long bytesPerSecond) =>
        Progressed?.Invoke(new AttemptProgress(side, ownerId, attemptId, bytes, bytesPerSecond));
}
