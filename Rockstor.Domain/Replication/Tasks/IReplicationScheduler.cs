using Rockstor.Domain.Replication.Failback;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>
/// Runs each task on its schedule (Hangfire recurring jobs; what the schedule means is <see cref="TaskSchedule"/>);
/// the store stays the source of truth.
/// </summary>
public interface IReplicationScheduler
{
    void Schedule(ReplicationTask task);

    void Unschedule(int taskId);

    /// <summary>Queues a run now (the first run of a new task, "Run now").</summary>
    void RunNow(int taskId);

    /// <summary>
    /// Queues a failback the replica's source asked for: its snapshot sent back, presenting the restore's
    /// one-time code (see <see cref="FailbackSender"/>).
    /// </summary>
    void SendBack(int replicaId, string snapshot, string code);
}
