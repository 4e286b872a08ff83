using System.Collections.Concurrent;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Services;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Sending;

/// <summary>
/// One run of a send task: say hello to the destination, snapshot the share, send it (incrementally from
/// the newest snapshot both sides hold), record the attempt, prune. Two runs of one task never overlap.
/// </summary>
public sealed class ReplicationRunner(
    IReplicationTaskRepository tasks,
    IIncomingReplicaRepository replicas,
    ISnapshotRepository snapshots,
    IShareRepository shares,
    IAwaitedShares awaitedShares,
    SnapshotService snapshotService,
    IPairedApplianceRepository appliances,
    ApplianceIdentity identity,
    IReplicationTransport transport,
    IBtrfs btrfs,
    AttemptLog log,
    IReplicationEvents events,
    ServiceMonitor services,
    RetryPolicy retryPolicy,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _running = new();

    /// <summary>How the admin stops each run under way (by task).</summary>
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _cancels = new();

    /// <summary>
    /// Runs the task once. A scheduled run (<paramref name="requested"/> false) outside the task's window
    /// does not start; a run that started inside it is stopped when the window closes.
    /// </summary>
    public async Task<Attempt?> RunAsync(int taskId, bool requested, CancellationToken ct)
    {
        if (tasks.Find(taskId) is not { } task)
        {
            return null; // deleted since it was queued
        }

        if (!services.IsRunning(ServiceNames.Replication))
        {
            return null; // the admin turned replication off: scheduled runs wait, nothing is recorded
        }

        var now = time.GetUtcNow();
        var inWindow = task.Window?.Contains(now) ?? false;
        if (task.Window is not null && !inWindow && !requested)
        {
            return null; // outside the task's hours: the schedule's next run in the window does it
        }

        if (shares.Find(task.Share) is null && awaitedShares.Awaits(task.Share))
        {
            // A configuration import brings the task before its pool (ADR-039): it waits, with no verdict of divergence.
            // A share deleted on purpose is not awaited: its task goes on to fail and alert, as it always did.
            return log.Skip(TrailSide.Send, taskId, $"The share '{task.Share}' is not on this appliance: import its pool on the Pools screen, and the task sends again from the snapshots it holds.");
        }

        using var windowClosed = inWindow ? new CancellationTokenSource(task.Window!.ClosesAfter(now) - now, time) : new CancellationTokenSource();
        using var cancelled = new CancellationTokenSource();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct, windowClosed.Token, cancelled.Token);

        var gate = _running.GetOrAdd(taskId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            return log.Skip(TrailSide.Send, taskId, "The previous run of this task was still going.");
        }

        _cancels[taskId] = cancelled;
        var attempt = log.Start(TrailSide.Send, taskId);
        // A local task has no link to lose: its stream is never spooled to be resumed.
        var local = identity.IsOwn(task.TargetApplianceId);
        var transfer = new Transfer { Resumable = !local && ReplicationRules.UseResumable(task.Resumable, task.BandwidthLimitMBps, log.LastSucceeded(TrailSide.Send, task.Id)) };
        var status = AttemptStatus.Failed;
        string? error = null;
        // Only the admin's cancel is said to the destination; a window that closes or a shutdown cuts the
        // link as a failure does (the destination's trail says the stream was cut), as does the watchdog.
        string? WhyStopped() => cancelled.IsCancellationRequested ? "The source's admin cancelled the run." : null;
        try
        {
            await SendWithRetriesAsync(task, attempt, transfer, WhyStopped, run.Token).ConfigureAwait(false);
            status = AttemptStatus.Succeeded;
        }
#pragma warning disable CA1031 // Whatever ends a run, its attempt must end as failed with the reason, never stay "running".
        catch (Exception e)
#pragma warning restore CA1031
        {
            var keptThere = transfer.Resumable && attempt.StreamBytes > 0 ? " The destination keeps what arrived; the next run goes on from there." : "";
            (status, error) = e switch
            {
                _ when cancelled.IsCancellationRequested => (AttemptStatus.Cancelled, "Cancelled by the admin." + keptThere),
                RunCancelledException => (AttemptStatus.Cancelled, e.Message + keptThere),
                Pools.RemovableDiskAbsentException => (AttemptStatus.Skipped, e.Message),
                _ when windowClosed.IsCancellationRequested && !ct.IsCancellationRequested => (status, transfer.Resumable
                    ? $"The task's window ({task.Window}) closed; the next run in it goes on from where this one stopped."
                    : $"The task's window ({task.Window}) closed; the next run in it sends again."),
                OperationCanceledException => (status, "The run was stopped (the appliance is shutting down)."),
                RockstorException or IOException => (status, e.Message),
                _ => (status, $"Unexpected error ({e.GetType().Name}): {e.Message}"),
            };
        }

        try
        {
            _cancels.TryRemove(new KeyValuePair<int, CancellationTokenSource>(taskId, cancelled));
            log.End(TrailSide.Send, attempt, status, error);
        }
        finally
        {
            gate.Release();
        }

        // A run stopped on purpose (cancelled, the window closed, the appliance shutting down) says so: no alert.
        var onPurpose = status == AttemptStatus.Cancelled || windowClosed.IsCancellationRequested || ct.IsCancellationRequested;
        events.RunEnded(new RunEnd(task, attempt.Copy(), StoppedOnPurpose: onPurpose));
        return attempt;
    }

    /// <summary>
    /// Stops the task's run under way, if one is: the destination is told, and its trail and this one's
    /// say "cancelled". A resumable transfer's part stays on the destination for the next run. Returns
    /// whether a run was under way.
    /// </summary>
    public bool Cancel(int taskId)
    {
        if (!_cancels.TryGetValue(taskId, out var cancelled))
        {
            return false;
        }

        try
        {
            cancelled.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false; // it ended meanwhile
        }
        catch (AggregateException)
        {
            // A stop hook failed (a process already gone): the run still ends, as cancelled.
        }

        return true;
    }

    /// <summary>
    /// Sends, and after a transient failure (the network, the peer restarting) waits and tries again, up
    /// to the policy's bound. The snapshot is taken once: every try sends the same one.
    /// </summary>
    private async Task SendWithRetriesAsync(ReplicationTask task, Attempt attempt, Transfer transfer, Func<string?> whyStopped, CancellationToken ct)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await TryAsync(task, attempt, transfer, whyStopped, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (ReplicationRules.IsTransient(e) && retry < retryPolicy.MaxRetries && !ct.IsCancellationRequested)
            {
                var delay = retryPolicy.Delay(retry + 1);
                attempt.Retries = retry + 1;
                attempt.Error = $"Trying again in {delay.TotalSeconds:0} s ({retry + 1} of {retryPolicy.MaxRetries}): {e.Message}";
                log.Save(TrailSide.Send, attempt);
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One try under the stall watchdog: a try that stops moving is ended as stalled (a transient failure).</summary>
    private async Task TryAsync(ReplicationTask task, Attempt attempt, Transfer transfer, Func<string?> whyStopped, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var moved = new Movement();
        using var watchdog = new StallWatchdog(time, retryPolicy.StallLimit, () => moved.Value, stop);
        try
        {
            await SendAsync(task, attempt, transfer, moved, whyStopped, stop.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A cancelled socket or process surfaces in several shapes; the watchdog says why.
        catch (Exception e) when (watchdog.Fired && !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new TimeoutException($"Stalled: nothing moved for {retryPolicy.StallLimit.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>One try: connect, snapshot (the first try that gets this far), choose the parent, send, prune.</summary>
    private async Task SendAsync(ReplicationTask task, Attempt attempt, Transfer transfer, Movement moved, Func<string?> whyStopped, CancellationToken ct)
    {
        var target = identity.IsOwn(task.TargetApplianceId) ? LocalTarget.Of(identity.Current) : appliances.Find(task.TargetApplianceId);
        if (target is null || target.State != PairingState.Paired)
        {
            throw new ReplicationRefusedException($"Appliance {task.TargetApplianceId} is no longer paired with this one.");
        }

        var bases = Bases(task);
        var hello = new ReplicationHello(
            task.Id,
            task.Share,
            task.TargetPool,
            task.DestinationRetention ?? task.Retention,
            BaseUuids: bases.Count > 0 ? bases.Select(b => b.ReceivedUuid!).ToList() : null);
        await using var session = await transport.ConnectAsync(target, task.Port, hello, ct).ConfigureAwait(false);

        var received = session.Welcome.ReceivedUuids.ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Checked on every try: the destination's replica may have been replaced while the run waited.
        var snapshot = transfer.Snapshot;
        // A base the destination holds (or vouched for) is common ground: not diverged, whatever else the replica holds.
        var based = NewestBase(bases, received, session.Welcome.Bases);
        if (based is null && ReplicationRules.HasDiverged(OwnSnapshots(task).Select(s => s.Uuid), received) && !task.ReseedRequested)
        {
            SetDiverged(task.Id, true);
            throw new ReplicationRefusedException(
                $"Diverged: {target.Hostname} holds {received.Count} snapshot(s) of this share's replica, and none of them is a snapshot "
                + "this task still has here, so no incremental send can build on them. Nothing was sent or deleted. "
                + "Re-seed the task with a full send (Replication -> Send) to start a new chain there.");
        }

        // A resumable transfer an earlier run could not finish goes on with the same snapshot (the
        // destination holds part of its stream); otherwise the run takes a snapshot of its own.
        snapshot ??= Unfinished(task, session.Welcome.PartialUuid, received)
            ?? await snapshotService.CreateAsync(task.Share, ReplicationNames.Snapshot(task.Id, time.GetUtcNow()), writable: false, ct)
                .ConfigureAwait(false);
        transfer.Snapshot = snapshot;
        attempt.Snapshot = snapshot.Name;
        transfer.Resumable |= string.Equals(session.Welcome.PartialUuid, snapshot.Uuid, StringComparison.OrdinalIgnoreCase);
        if (!received.Contains(snapshot.Uuid))
        {
            var earlier = OwnSnapshots(task).Where(s => s.Name != snapshot.Name).ToList();
            var parent = ReplicationRules.ChooseParent(earlier, s => s.Uuid, received);
            var parentUuid = parent?.Uuid;
            if (parent is null && based is not null)
            {
                // No run of this task got through yet: build on the destination's own snapshot this
                // appliance holds a copy of (the promotion's), named by the uuid it has there.
                parent = based;
                parentUuid = based.ReceivedUuid;
            }

            attempt.Parent = parent?.Name;
            attempt.Bytes = 0;
            attempt.StreamBytes = 0;

            attempt.ExpectedBytes = 0;
            log.Save(TrailSide.Send, attempt);

            // The estimate (a metadata-only send) runs alongside the transfer, so it neither delays it nor
            // counts against the stall watchdog; percent and time left appear once it is known.
            using var estimating = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var estimate = log.EstimateAsync(attempt, snapshot.Path, parent?.Path, estimating.Token);
            var progress = log.Progress(TrailSide.Send, attempt, count => moved.Value = count.Moved);
            var sending = snapshot;
            var verdict = await session.SendAsync(
                    new ReplicationOffer(snapshot.Name, snapshot.Uuid, parentUuid, transfer.Resumable),
                    (stream, token) => btrfs.SendAsync(sending.Path, parent?.Path, stream, token),
                    estimate,
                    SendOptions.Of(task, whyStopped),
                    progress,
                    ct)
                .ConfigureAwait(false);
            await estimating.CancelAsync().ConfigureAwait(false);
            attempt.Bytes = Math.Max(attempt.Bytes, verdict.Bytes);
            attempt.StreamBytes = verdict.StreamBytes;
            attempt.ResumedFrom = verdict.ResumedFrom;
            if (verdict.Cancelled)
            {
                throw new RunCancelledException($"{target.Hostname}'s admin cancelled the run there.");
            }

            if (!verdict.Ok)
            {
                throw new ReplicationRefusedException(verdict.Error ?? "The destination did not accept the snapshot.", verdict.Retry);
            }
        }

        if (task.Diverged || task.ReseedRequested)
        {
            SetDiverged(task.Id, false);
        }

        // (When the destination already holds it, a previous try got through but its verdict was lost.)
        // Both sides now hold this snapshot: it is the next run's parent and is never pruned.
        // Locked ones stay and are not counted.
        var own = OwnSnapshots(task);
        foreach (var old in RetentionRule.ToDelete(own, s => s.CreatedAt, task.Retention, s => s.Locked).Where(s => s.Name != snapshot.Name))
        {
            // The snapshot is across: a cancel that comes now does not undo the run.
            await snapshotService.DeleteAsync(task.Share, old.Name, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the task diverged (a run refused) or not (a run got through; a requested re-seed is done).</summary>
    private void SetDiverged(int taskId, bool diverged)
    {
        if (tasks.Find(taskId) is { } current)
        {
            current.Diverged = diverged;
            current.ReseedRequested &= diverged;
            tasks.Save(current);
        }
    }

    /// <summary>The task's snapshot whose transfer the destination holds part of, when it still is the newest to send.</summary>
    private Snapshot? Unfinished(ReplicationTask task, string? partialUuid, IReadOnlySet<string> received)
    {
        var own = OwnSnapshots(task);
        var unfinished = own.FindLastIndex(s => string.Equals(s.Uuid, partialUuid, StringComparison.OrdinalIgnoreCase));
        var newestReceived = own.FindLastIndex(s => received.Contains(s.Uuid));
        return unfinished > newestReceived ? own[unfinished] : null;
    }

    /// <summary>
    /// When the task's share was promoted here from a replica of the task's destination: that replica's
    /// received snapshots, oldest first. Each is a copy of one of the destination's own snapshots (its
    /// received uuid is that snapshot's uuid there), so a first incremental can build on it (ADR-033).
    /// </summary>
    private List<Snapshot> Bases(ReplicationTask task) =>
        replicas.List()
            .Where(r => r.Promotion?.Share == task.Share && r.SenderApplianceId == task.TargetApplianceId)
            .SelectMany(r => snapshots.ListForShare(r.ReplicaShare))
            .Where(s => s.ReadOnly && s.ReceivedUuid is not null)
            .OrderBy(s => s.CreatedAt)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The newest base the destination holds: received already (a copy made by an earlier try), or as its own snapshot.</summary>
    private static Snapshot? NewestBase(List<Snapshot> bases, IReadOnlySet<string> received, IReadOnlyList<string>? offered) =>
        bases.LastOrDefault(b => received.Contains(b.ReceivedUuid!) || (offered ?? []).Contains(b.ReceivedUuid!, StringComparer.OrdinalIgnoreCase));

    /// <summary>The task's snapshots of its share, oldest first (their names sort by time).</summary>
    private List<Snapshot> OwnSnapshots(ReplicationTask task) =>
        snapshots.ListForShare(task.Share)
            .Where(s => ReplicationNames.IsOfTask(s.Name, task.Id))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// What a run's tries share: whether it sends resumably (chosen at its start, or from the first try that
    /// finds part of its snapshot already on the destination; what the run's end then says depends on it),
    /// and the snapshot it sends, taken by the first try that got that far: a try that fails after taking
    /// it leaves it to the next, so one run takes one snapshot however many tries it needs.
    /// </summary>
    private sealed class Transfer
    {
        public bool Resumable { get; set; }

        public Snapshot? Snapshot { get; set; }
    }

    /// <summary>What a try has moved (sent, regenerated, or heard applied): the stall watchdog's measure.</summary>
    private sealed class Movement
    {
        private long _value;

        public long Value
        {
            get => Interlocked.Read(ref _value);
            set => Interlocked.Exchange(ref _value, value);
        }
    }
}
