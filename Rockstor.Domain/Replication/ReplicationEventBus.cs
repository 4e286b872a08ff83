using System.Collections.Concurrent;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication;

/// <summary>
/// The in-process news of replication: open screens subscribe here, the SignalR hub forwards it to
/// browsers and other clients, and alerts hear of runs that ended. Handlers run on the reporting thread
/// and must return quickly. The latest
/// progress of each running attempt is kept (in memory only) so a trail read in between shows it too.
/// </summary>
public sealed class ReplicationEventBus : IReplicationEvents
{
    private readonly ConcurrentDictionary<(TrailSide, long), AttemptProgress> _live = new();

    public event Action<TrailSide, Attempt>? Changed;

    public event Action<AttemptProgress>? Progressed;

    public event Action<RunEnd>? RunFinished;

    public event Action<int>? TaskRemoved;

    public void AttemptChanged(TrailSide side, Attempt attempt)
    {
        if (attempt.Status != AttemptStatus.Running)
        {
            _live.TryRemove((side, attempt.Id), out _);
        }

        Changed?.Invoke(side, attempt.Copy());
    }

    public void RunEnded(RunEnd end) => RunFinished?.Invoke(end);

    public void TaskDeleted(int taskId) => TaskRemoved?.Invoke(taskId);

    public void Progress(AttemptProgress progress)
    {
        _live[(progress.Side, progress.AttemptId)] = progress;
        Progressed?.Invoke(progress);
    }

    /// <summary>The attempt as it stands now: with its latest live counts while it runs.</summary>
    public Attempt Live(TrailSide side, Attempt attempt) =>
        attempt.Status == AttemptStatus.Running && _live.TryGetValue((side, attempt.Id), out var progress) ? progress.ApplyTo(attempt) : attempt;
}
