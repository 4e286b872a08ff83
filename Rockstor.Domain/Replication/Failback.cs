using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication;

/// <summary>
/// A failback asked for on the destination: which received snapshot goes back to the source, and what it
/// becomes there: a new share <see cref="NewShare"/> in the source's pool <see cref="TargetPool"/>, or
/// (<see cref="Rollback"/>, confirmed by the admin) the original share rolled back to it.
/// </summary>
public sealed record FailbackRequest(string? Snapshot, string? NewShare, string? TargetPool, bool Rollback = false);

/// <summary>
/// The destination's side of a failback: sends a received snapshot back to the appliance it came from,
/// over the same peer socket, recorded in the replica's receive trail (ADR-015).
/// </summary>
public sealed class FailbackService(
    IIncomingReplicaRepository replicas,
    ISnapshotRepository snapshots,
    IPairedApplianceRepository appliances,
    IReplicationTransport transport,
    IReplicationScheduler scheduler,
    IPeerClient peers,
    ApplianceIdentity identity,
    IBtrfs btrfs,
    ITrailRepository trails,
    IReplicationEvents events,
    TimeProvider time)
{
    /// <summary>The replica's received snapshots, newest first: what can be sent back.</summary>
    public IReadOnlyList<Snapshot> Snapshots(int replicaId) =>
        snapshots.ListForShare((replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.")).ReplicaShare)
            .Where(s => s.ReceivedUuid is not null)
            .OrderByDescending(s => s.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The pools the source offers, read from it: where a new share can go.</summary>
    public async Task<IReadOnlyList<PeerPool>> SourcePoolsAsync(int replicaId, CancellationToken ct)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        var source = appliances.Find(replica.SenderApplianceId);
        if (source is null || source.State != PairingState.Paired)
        {
            throw new ConflictException($"The appliance this replica came from ({replica.SenderApplianceId}) is not paired with this one; pair it again first.");
        }

        return await peers.ListPoolsAsync(source, identity.Current.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Checks what can be checked here and queues the failback; it shows in the replica's receive trail.</summary>
    public void Request(int replicaId, FailbackRequest request)
    {
        _ = Check(replicaId, request);
        scheduler.SendBack(replicaId, request);
    }

    /// <summary>Sends the snapshot back and records how it went (the job that <see cref="Request"/> queued).</summary>
    public async Task<Attempt> SendBackAsync(int replicaId, FailbackRequest request, CancellationToken ct)
    {
        var (replica, snapshot, source) = Check(replicaId, request);
        var attempt = new Attempt
        {
            OwnerId = replica.Id,
            StartedAt = time.GetUtcNow(),
            Status = AttemptStatus.Running,
            Snapshot = snapshot.Name,
            Note = request.Rollback
                ? $"Failback to {source.Hostname}: roll '{replica.SourceShare}' back to this snapshot"
                : $"Failback to {source.Hostname} as share '{request.NewShare}' (pool {request.TargetPool})",
        };
        Record(attempt);
        try
        {
            var hello = new ReplicationHello(replica.SenderTaskId, replica.SourceShare, request.TargetPool ?? "", 0, new RestoreRequest(request.Rollback ? null : request.NewShare, request.Rollback));
            await using var session = await transport.ConnectAsync(source, source.ReplicationPort, hello, ct).ConfigureAwait(false);

            // The stream carries the snapshot's received uuid (that of the source's own snapshot): the
            // source checks what it rebuilds against it.
            var verdict = await session.SendAsync(
                    new ReplicationOffer(snapshot.Name, snapshot.ReceivedUuid!, null),
                    (stream, token) => btrfs.SendAsync(snapshot.Path, null, stream, token),
                    Estimate(snapshot, attempt, ct),
                    CompressionMode.Off,
                    new ProgressReporter(TrailSide.Receive, attempt, events, time),
                    ct)
                .ConfigureAwait(false);
            attempt.Bytes = verdict.Bytes;
            attempt.StreamBytes = verdict.StreamBytes;
            attempt.Status = verdict.Ok ? AttemptStatus.Succeeded : AttemptStatus.Failed;
            attempt.Error = verdict.Ok ? null : verdict.Error;
        }
#pragma warning disable CA1031 // Whatever ends the failback, its attempt ends with the reason, never "running".
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Status = AttemptStatus.Failed;
            attempt.Error = e is RockstorException or IOException ? e.Message : $"Unexpected error ({e.GetType().Name}): {e.Message}";
        }
        finally
        {
            attempt.EndedAt = time.GetUtcNow();
            attempt.BytesPerSecond = ReplicationRules.Rate(attempt.Bytes, attempt.EndedAt.Value - attempt.StartedAt);
            Record(attempt);
        }

        return attempt;
    }

    private (IncomingReplica Replica, Snapshot Snapshot, PairedAppliance Source) Check(int replicaId, FailbackRequest request)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        if (string.IsNullOrWhiteSpace(request.Snapshot))
        {
            throw new ValidationException("Choose the received snapshot to send back.");
        }

        var snapshot = snapshots.Find(replica.ReplicaShare, request.Snapshot);
        if (snapshot?.ReceivedUuid is null)
        {
            throw new NotFoundException($"The replica '{replica.ReplicaShare}' has no received snapshot '{Echo.Of(request.Snapshot)}'.");
        }

        if (request.Rollback == !string.IsNullOrWhiteSpace(request.NewShare))
        {
            throw new ValidationException("Send the snapshot back either as a new share (give its name and a pool) or to roll the original share back: one of the two.");
        }

        if (!request.Rollback)
        {
            ResourceName.Validate(request.NewShare, "share");
            if (string.IsNullOrWhiteSpace(request.TargetPool))
            {
                throw new ValidationException($"Choose the pool on the source that receives the new share '{request.NewShare}'.");
            }

            ResourceName.Validate(request.TargetPool, "pool");
        }

        var source = appliances.Find(replica.SenderApplianceId);
        if (source is null || source.State != PairingState.Paired)
        {
            throw new ConflictException($"The appliance this replica came from ({replica.SenderApplianceId}) is not paired with this one; pair it again first.");
        }

        return (replica, snapshot, source);
    }

    /// <summary>The stream's expected size, for percent and time left; a failure only costs the estimate.</summary>
    private async Task<long> Estimate(Snapshot snapshot, Attempt attempt, CancellationToken ct)
    {
        try
        {
            attempt.ExpectedBytes = await btrfs.EstimateSendAsync(snapshot.Path, null, ct).ConfigureAwait(false);
            return attempt.ExpectedBytes;
        }
        catch (Exception e) when (e is StorageCommandException or OperationCanceledException)
        {
            return 0;
        }
    }

    private void Record(Attempt attempt)
    {
        trails.Save(TrailSide.Receive, attempt);
        events.AttemptChanged(TrailSide.Receive, attempt);
    }
}

/// <summary>
/// The source's side of a failback: takes a snapshot a paired destination sends back, into a staging
/// folder of the pool, checks it (read-only, its received uuid the one offered, length and SHA-256), and
/// only then makes the new share of it, or keeps it as a snapshot of the original share and rolls that
/// back (its current state is kept first). The staging copy is always deleted. Recorded in the trail of
/// the task that replicates the share to that appliance, when there is one (after a rebuild there is
/// none: the sender's trail has it).
/// </summary>
public sealed class FailbackReceiver(
    IShareRepository shares,
    IPoolRepository pools,
    PoolService poolService,
    SnapshotService snapshotService,
    IReplicationTaskRepository tasks,
    ITrailRepository trails,
    IBtrfs btrfs,
    IStorageFiles files,
    StorageLayout layout,
    IReplicationEvents events,
    IRefusalLog refusals,
    TimeProvider time)
{
    /// <summary>One failback is received at a time.</summary>
    private readonly SemaphoreSlim _one = new(1, 1);

    public ReplicationWelcome Hello(PairedAppliance sender, ReplicationHello hello)
    {
        Refusing(sender, () => Target(hello));
        return new ReplicationWelcome([]);
    }

    public async Task<RestorePlan> OfferAsync(PairedAppliance sender, ReplicationHello hello, ReplicationOffer offer, CancellationToken ct)
    {
        var pool = Refusing(sender, () => ResourceName.IsSafe(offer.Snapshot) ? Target(hello) : throw new ReplicationRefusedException($"'{Echo.Of(offer.Snapshot)}' cannot name a snapshot."));
        if (!await _one.WaitAsync(0, ct).ConfigureAwait(false))
        {
            throw new ReplicationRefusedException("Another failback is being received here; try again when it is done.", transient: true);
        }

        try
        {
            await poolService.RequireMountedAsync(pool.Name, ct).ConfigureAwait(false);
            var folder = layout.FailbackDirectory(pool.Name, sender.Id);
            await ClearAsync(folder, ct).ConfigureAwait(false);
            files.CreateDirectory(folder);
            var task = tasks.List().FirstOrDefault(t => t.Share == hello.SourceShare && t.TargetApplianceId == sender.Id);
            var attempt = new Attempt
            {
                OwnerId = task?.Id ?? 0,
                StartedAt = time.GetUtcNow(),
                Status = AttemptStatus.Running,
                Snapshot = offer.Snapshot,
                Note = hello.Restore!.Rollback
                    ? $"Failback from {sender.Hostname}: roll '{hello.SourceShare}' back to this snapshot"
                    : $"Failback from {sender.Hostname} as share '{hello.Restore.NewShare}'",
            };
            var plan = new RestorePlan(sender, hello, pool.Name, folder, task?.Id, attempt, offer);
            Record(plan);
            return plan;
        }
        catch (RockstorException e)
        {
            _one.Release();
            refusals.Add(new Refusal(time.GetUtcNow(), sender.Host, sender.Id, e.Message));
            throw e as ReplicationRefusedException ?? new ReplicationRefusedException(e.Message);
        }
    }

    public async Task<ReplicationVerdict> ReceiveAsync(RestorePlan plan, ReceivedStream stream, CancellationToken ct)
    {
        var attempt = plan.Attempt;
        var received = Path.Combine(plan.Folder, plan.Offer.Snapshot);
        try
        {
            await btrfs.ReceiveAsync(plan.Folder, stream, ct).ConfigureAwait(false);
            if (!stream.Intact)
            {
                throw new ReplicationRefusedException("The stream that arrived is not the one sent (its length or SHA-256 differs); nothing was made of it.");
            }

            var subvolume = await btrfs.ShowSubvolumeAsync(received, ct).ConfigureAwait(false);
            if (!subvolume.ReadOnly || !string.Equals(subvolume.ReceivedUuid, plan.Offer.SnapshotUuid, StringComparison.OrdinalIgnoreCase))
            {
                throw new ReplicationRefusedException($"The received subvolume is not a faithful copy (read-only: {subvolume.ReadOnly}, received uuid: {subvolume.ReceivedUuid ?? "none"}); nothing was made of it.");
            }

            var restore = plan.Hello.Restore!;
            if (restore.Rollback)
            {
                var snapshot = await snapshotService.SnapshotFromAsync(plan.Hello.SourceShare, received, "failback-", ct).ConfigureAwait(false);
                var kept = await snapshotService.RollbackAsync(plan.Hello.SourceShare, snapshot.Name, ct).ConfigureAwait(false);
                attempt.Note += $"; done: it is kept as snapshot '{snapshot.Name}', the state before as '{kept.Name}'";
            }
            else
            {
                await snapshotService.ShareFromAsync(plan.Pool, received, restore.NewShare!, ct).ConfigureAwait(false);
            }

            attempt.Status = AttemptStatus.Succeeded;
            return new ReplicationVerdict(true, null, stream.Received, stream.StreamReceived);
        }
#pragma warning disable CA1031 // Whatever ended the failback, nothing half-made stays and the reason goes back.
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Status = AttemptStatus.Failed;
            attempt.Error = e is RockstorException ? e.Message : $"The stream was cut: {e.Message}";
            return new ReplicationVerdict(false, attempt.Error, stream.Received, stream.StreamReceived);
        }
        finally
        {
            await ClearAsync(plan.Folder, CancellationToken.None).ConfigureAwait(false);
            attempt.Bytes = stream.Received;
            attempt.StreamBytes = stream.StreamReceived;
            attempt.EndedAt = time.GetUtcNow();
            attempt.BytesPerSecond = ReplicationRules.Rate(attempt.Bytes, attempt.EndedAt.Value - attempt.StartedAt);
            Record(plan);
            _one.Release();
        }
    }

    public void Abandon(RestorePlan plan, string reason)
    {
        plan.Attempt.Status = AttemptStatus.Failed;
        plan.Attempt.Error = $"The connection broke before any data: {reason}";
        plan.Attempt.EndedAt = time.GetUtcNow();
        Record(plan);
        _one.Release();
    }

    /// <summary>At start-up: deletes what failbacks cut by a crash left in the pools' staging folders.</summary>
    public async Task DiscardUnfinishedAsync(CancellationToken ct)
    {
        foreach (var pool in pools.List())
        {
            if (await poolService.IsMountedAsync(pool, ct).ConfigureAwait(false))
            {
                foreach (var sender in files.Entries(Path.Combine(layout.PoolMountPoint(pool.Name), StorageLayout.FailbackFolder)))
                {
                    await ClearAsync(sender, ct).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The pool the snapshot lands in: the share's own for a rollback, the asked one for a new share.</summary>
    private Pool Target(ReplicationHello hello)
    {
        var restore = hello.Restore!;
        if (restore.Rollback == !string.IsNullOrWhiteSpace(restore.NewShare))
        {
            throw new ReplicationRefusedException("A failback makes a new share or rolls the share back: one of the two.");
        }

        if (restore.Rollback)
        {
            var share = shares.Find(hello.SourceShare);
            if (share is null || share.Kind != ShareKind.Regular)
            {
                throw new ReplicationRefusedException($"There is no share '{Echo.Of(hello.SourceShare)}' here to roll back; send the snapshot back as a new share instead.");
            }

            return pools.Find(share.Pool) ?? throw new ReplicationRefusedException($"The pool of share '{share.Name}' is gone.");
        }

        ResourceName.Validate(restore.NewShare, "share");
        if (shares.Find(restore.NewShare!) is not null)
        {
            throw new ReplicationRefusedException($"A share named '{Echo.Of(restore.NewShare)}' already exists here; choose another name.");
        }

        return pools.Find(hello.TargetPool ?? "") ?? throw new ReplicationRefusedException($"Pool '{Echo.Of(hello.TargetPool)}' does not exist here.");
    }

    /// <summary>Runs a check; a refusal (or a bad name) is recorded with who asked, and goes back as a refusal.</summary>
    private T Refusing<T>(PairedAppliance sender, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (RockstorException e)
        {
            refusals.Add(new Refusal(time.GetUtcNow(), sender.Host, sender.Id, e.Message));
            throw e as ReplicationRefusedException ?? new ReplicationRefusedException(e.Message);
        }
    }

    /// <summary>Deletes every subvolume in a staging folder, then the folder when empty.</summary>
    private async Task ClearAsync(string folder, CancellationToken ct)
    {
        try
        {
            foreach (var entry in files.Entries(folder))
            {
                await btrfs.DeleteSubvolumeAsync(entry, ct).ConfigureAwait(false);
            }

            files.RemoveEmptyDirectory(folder);
        }
        catch (StorageCommandException)
        {
            // Left for the next failback from this appliance, or the start-up sweep.
        }
    }

    private void Record(RestorePlan plan)
    {
        if (plan.TaskId is not null)
        {
            trails.Save(TrailSide.Send, plan.Attempt);
            events.AttemptChanged(TrailSide.Send, plan.Attempt);
        }
    }
}
