using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Replication's news as it was published: every attempt change (a copy as it was), progress report, run end and task deletion.</summary>
public sealed class EventRecorder : IReplicationEvents
{
    private readonly Lock _lock = new();
    private readonly List<(TrailSide Side, Attempt Attempt)> _changes = [];
    private readonly List<AttemptProgress> _progress = [];
    private readonly List<RunEnd> _runs = [];
    private readonly List<int> _deleted = [];

    public IReadOnlyList<(TrailSide Side, Attempt Attempt)> Changes => Read(_changes);

    public IReadOnlyList<AttemptProgress> Progressed => Read(_progress);

    public IReadOnlyList<RunEnd> RunsEnded => Read(_runs);

    public IReadOnlyList<int> TasksDeleted => Read(_deleted);

    public void AttemptChanged(TrailSide side, Attempt attempt) => Add(_changes, (side, attempt.Copy()));

    public void Progress(AttemptProgress progress) => Add(_progress, progress);

    public void RunEnded(RunEnd end) => Add(_runs, end);

    public void TaskDeleted(int taskId) => Add(_deleted, taskId);

    private void Add<T>(List<T> list, T item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }

    private List<T> Read<T>(List<T> list)
    {
        lock (_lock)
        {
            return list.ToList();
        }
    }
}
