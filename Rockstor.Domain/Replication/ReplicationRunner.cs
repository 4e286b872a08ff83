using System.Collections.Concurrent;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Services;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication;

/// <summary>
/// One run of a send task: say hello to the destination, snapshot the share, send it (incrementally from
/// the newest snapshot both sides hold), record the attempt, prune. Two runs of one task never overlap.
/// </summary>
public sealed class ReplicationRunner(
    IReplicationTaskRepository tasks,
    ITrailRepository trails,
    ISnapshotRepository snapshots,
    SnapshotService snapshotService,
    IPairedApplianceRepository appliances,
    IReplicationTransport transport,
    IBtrfs btrfs,
    IReplicationEvents events,
    ServiceMonitor services,
    TimeProvider time)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _running = new();

    public async Task<Attempt?> RunAsync(int taskId, CancellationToken ct)
    {
        if (tasks.Find(taskId) is not { } task)
        {
            return null; // deleted since it was queued
        }

        if (!services.IsRunning("replication"))
        {
            return null; // the admin turned replication off: scheduled runs wait, nothing is recorded
        }

        var gate = _running.GetOrAdd(taskId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            var skipped = new Attempt
            {
                OwnerId = taskId,
                StartedAt = time.GetUtcNow(),
                EndedAt = time.GetUtcNow(),
                Status = AttemptStatus.Skipped,
                Error = "The previous run of this task was still going.",
            };
            Record(skipped);
            return skipped;
        }

        var attempt = new Attempt { OwnerId = taskId, StartedAt = time.GetUtcNow(), Status = AttemptStatus.Running };
        Record(attempt);
        try
        {
            await SendAsync(task, attempt, ct).ConfigureAwait(false);
            attempt.Status = AttemptStatus.Succeeded;
        }
#pragma warning disable CA1031 // Whatever ends a run, its attempt must end as failed with the reason, never stay "running".
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Status = AttemptStatus.Failed;
            attempt.Error = e switch
            {
                OperationCanceledException => "The run was stopped (the appliance is shutting down).",
                RockstorException or IOException => e.Message,
                _ => $"Unexpected error ({e.GetType().Name}): {e.Message}",
            };
        }
        finally
        {
            attempt.EndedAt = time.GetUtcNow();
            attempt.BytesPerSecond = ReplicationRules.Rate(attempt.Bytes, attempt.EndedAt.Value - attempt.StartedAt);
            Record(attempt);
            gate.Release();
        }

        return attempt;
    }

    private async Task SendAsync(ReplicationTask task, Attempt attempt, CancellationToken ct)
    {
        var target = appliances.Find(task.TargetApplianceId);
        if (target is null || target.State != PairingState.Paired)
        {
            throw new ReplicationRefusedException($"Appliance {task.TargetApplianceId} is no longer paired with this one.");
        }

        await using var session = await transport.ConnectAsync(target, task.Port, new ReplicationHello(task.Id, task.Share, task.TargetPool, task.Keep), ct)
            .ConfigureAwait(false);

        var snapshot = await snapshotService.CreateAsync(task.Share, ReplicationNames.Snapshot(task.Id, time.GetUtcNow()), writable: false, ct)
            .ConfigureAwait(false);
        attempt.Snapshot = snapshot.Name;
        var earlier = OwnSnapshots(task).Where(s => s.Name != snapshot.Name).ToList();
        var parent = ReplicationRules.ChooseParent(earlier, s => s.Uuid, session.Welcome.ReceivedUuids.ToHashSet(StringComparer.OrdinalIgnoreCase));
        attempt.Parent = parent?.Name;
        Record(attempt);

        var progress = new ThrottledProgress(attempt, events, time);
        var verdict = await session.SendAsync(
                new ReplicationOffer(snapshot.Name, snapshot.Uuid, parent?.Uuid),
                (stream, token) => btrfs.SendAsync(snapshot.Path, parent?.Path, stream, token),
                progress,
                ct)
            .ConfigureAwait(false);
        attempt.Bytes = Math.Max(attempt.Bytes, verdict.Bytes);
        if (!verdict.Ok)
        {
            throw new ReplicationRefusedException(verdict.Error ?? "The destination did not accept the snapshot.");
        }

        // Both sides now hold this snapshot: it is the next run's parent and is never pruned.
        var own = OwnSnapshots(task);
        foreach (var old in ReplicationRules.Prune(own, task.Keep, own.LastOrDefault(s => s.Name == snapshot.Name)))
        {
            await snapshotService.DeleteAsync(task.Share, old.Name, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The task's snapshots of its share, oldest first (their names sort by time).</summary>
    private List<Snapshot> OwnSnapshots(ReplicationTask task) =>
        snapshots.ListForShare(task.Share)
            .Where(s => ReplicationNames.IsOfTask(s.Name, task.Id))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    private void Record(Attempt attempt)
    {
        trails.Save(TrailSide.Send, attempt);
        events.AttemptChanged(TrailSide.Send, attempt);
    }

    /// <summary>Counts bytes as they go and tells listeners at most four times a second.</summary>
    private sealed class ThrottledProgress(Attempt attempt, IReplicationEvents events, TimeProvider time) : IProgress<long>
    {
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public void Report(long value)
        {
            attempt.Bytes = value;
            var now = time.GetUtcNow();
            if (now - _last < ProgressEvery)
            {
                return;
            }

            _last = now;
            events.Progress(TrailSide.Send, attempt.OwnerId, attempt.Id, value, ReplicationRules.Rate(value, now - attempt.StartedAt));
        }
    }
}
