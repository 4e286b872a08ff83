using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication;

/// <summary>
/// News of replication, for whoever listens: open screens and the SignalR hub (attempts and their
/// progress), alerts (runs that ended, tasks that went). Replication publishes; it calls no listener.
/// </summary>
public interface IReplicationEvents
{
    void AttemptChanged(TrailSide side, Attempt attempt);

    void Progress(AttemptProgress progress);

    /// <summary>A run of a send task ended (after its attempt was recorded).</summary>
    void RunEnded(RunEnd end);

    /// <summary>A send task was deleted (with its trail).</summary>
    void TaskDeleted(int taskId);
}
