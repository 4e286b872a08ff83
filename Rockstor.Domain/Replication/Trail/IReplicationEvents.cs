namespace Rockstor.Domain.Replication.Trail;

/// <summary>Live news of replication for open screens and the SignalR hub.</summary>
public interface IReplicationEvents
{
    void AttemptChanged(TrailSide side, Attempt attempt);

    void Progress(AttemptProgress progress);
}
