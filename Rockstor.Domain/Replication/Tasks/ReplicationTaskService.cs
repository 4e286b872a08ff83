using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Services;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>Adds, changes and removes replication tasks; the schedule follows the store.</summary>
public sealed class ReplicationTaskService(
    IReplicationTaskRepository tasks,
    ITrailRepository trails,
    IShareRepository shares,
    ISnapshotRepository snapshots,
    SnapshotService snapshotService,
    IPairedApplianceRepository appliances,
    IPeerClient peers,
    ApplianceIdentity identity,
    IReplicationScheduler scheduler,
    TaskSchedule schedule,
    ServiceMonitor services,
    IReplicationEvents events,
    ReplicationRunner runner,
    IPoolRepository poolRecords,
    PoolService pools,
    TimeProvider time)
{
    public const int DefaultKeep = 5;

    public IReadOnlyList<ReplicationTask> List() => tasks.List();

    public ReplicationTask Require(int id) =>
        tasks.Find(id) ?? throw new NotFoundException($"There is no replication task {id}.");

    public TaskResult Create(TaskRequest request)
    {
        var task = Validate(request, existing: null);
        tasks.Save(task);
        var waits = task.Window is { } window && !window.Contains(time.GetUtcNow());
        if (task.Enabled)
        {
            scheduler.Schedule(task);
            if (!waits)
            {
                scheduler.RunNow(task.Id);
            }
        }

        return new TaskResult(task, Warning() ?? (waits ? $"The first run waits for the task's window ({task.Window}); Run now starts it at once." : null));
    }

    public TaskResult Update(int id, TaskRequest request)
    {
        var task = Validate(request, Require(id));
        tasks.Save(task);
        if (task.Enabled)
        {
            scheduler.Schedule(task);
        }
        else
        {
            scheduler.Unschedule(task.Id);
        }

        return new TaskResult(task, Warning());
    }

    /// <summary>The pools a paired appliance offers as targets, read from it.</summary>
    public async Task<IReadOnlyList<PeerPool>> TargetPoolsAsync(string applianceId, CancellationToken ct)
    {
        if (identity.IsOwn(applianceId))
        {
            return (await pools.ListAsync(ct).ConfigureAwait(false))
                .Select(p => new PeerPool(p.Pool.Name, p.SizeBytes, Math.Max(0, p.SizeBytes - p.UsedBytes)))
                .ToList();
        }

        var target = appliances.Find(applianceId);
        if (target is null || target.State != PairingState.Paired)
        {
            throw new NotFoundException($"'{Echo.Of(applianceId)}' is not an appliance paired with this one.");
        }

        return await peers.ListPoolsAsync(target, identity.Current.Id, ct).ConfigureAwait(false);
    }

    public void RunNow(int id)
    {
        var task = Require(id);
        RequireServiceOn();
        scheduler.RunNow(task.Id);
    }

    /// <summary>Stops the task's run under way (<see cref="ReplicationRunner.Cancel"/>); refused when none is.</summary>
    public void Cancel(int id)
    {
        Require(id);
        if (!runner.Cancel(id))
        {
            throw new ConflictException($"Task {id} has no run under way: there is nothing to cancel.");
        }
    }

    /// <summary>
    /// Asks for a full send that starts a new chain on a diverged destination, and runs it now. The
    /// destination's older snapshots of the replica stay until its retention replaces them.
    /// </summary>
    public void Reseed(int id)
    {
        var task = Require(id);
        RequireServiceOn();
        task.ReseedRequested = true;
        tasks.Save(task);
        scheduler.RunNow(task.Id);
    }

    /// <summary>Removes the task, its schedule and trail; its snapshots on this side go too when asked.</summary>
    public async Task DeleteAsync(int id, bool deleteSnapshots, CancellationToken ct)
    {
        var task = Require(id);
        scheduler.Unschedule(id);
        if (deleteSnapshots)
        {
            foreach (var snapshot in snapshots.ListForShare(task.Share).Where(s => ReplicationNames.IsOfTask(s.Name, id) && !s.Locked)) // locked ones stay
            {
                await snapshotService.DeleteAsync(task.Share, snapshot.Name, ct).ConfigureAwait(false);
            }
        }

        trails.RemoveAll(TrailSide.Send, id);
        tasks.Remove(id);
        events.TaskDeleted(id);
    }

    /// <summary>Registers every enabled task's schedule again from the store (at start-up).</summary>
    public void ScheduleAll()
    {
        foreach (var task in tasks.List())
        {
            if (task.Enabled)
            {
                scheduler.Schedule(task);
            }
            else
            {
                scheduler.Unschedule(task.Id);
            }
        }
    }

    private void RequireServiceOn()
    {
        if (!services.IsRunning(ServiceNames.Replication))
        {
            throw new ConflictException("The Replication service is off on this appliance: turn it on first (System -> Services).");
        }
    }

    private string? Warning() => services.IsRunning(ServiceNames.Replication)
        ? null
        : "The Replication service is off on this appliance: the task runs once it is turned on (System -> Services).";

    /// <summary>A local task copies the share to another pool of this appliance, which must exist.</summary>
    private void RequireOtherPool(Share share, string pool)
    {
        if (poolRecords.Find(pool) is null)
        {
            throw new ValidationException($"There is no pool named '{Echo.Of(pool)}' on this appliance.");
        }

        if (pool == share.Pool)
        {
            throw new ValidationException($"'{pool}' is the share's own pool: a task to this appliance copies the share to another pool (its own snapshots already keep its history in this one).");
        }
    }

    private ReplicationTask Validate(TaskRequest request, ReplicationTask? existing)
    {
        var shareName = request.Share ?? existing?.Share;
        if (string.IsNullOrWhiteSpace(shareName))
        {
            throw new ValidationException("Choose the share to replicate.");
        }

        var share = shares.Find(shareName) ?? throw new ValidationException($"There is no share named '{Echo.Of(shareName)}'.");
        if (share.Kind == ShareKind.Replica)
        {
            throw new ValidationException($"'{share.Name}' is a replica received from another appliance; replicate its source instead.");
        }

        var targetId = request.TargetApplianceId ?? existing?.TargetApplianceId ?? SoleAppliance();
        if (string.IsNullOrWhiteSpace(targetId))
        {
            throw new ValidationException("Choose the appliance to replicate to.");
        }

        var local = identity.IsOwn(targetId);
        var target = local ? LocalTarget.Of(identity.Current) : appliances.Find(targetId);
        if (target is null || target.State != PairingState.Paired)
        {
            throw new ValidationException($"'{Echo.Of(targetId)}' is not an appliance paired with this one. Pair it first (System -> Appliances).");
        }

        var pool = request.TargetPool ?? existing?.TargetPool;
        if (string.IsNullOrWhiteSpace(pool))
        {
            throw new ValidationException("Choose the pool on the destination that receives the replica.");
        }

        ResourceName.Validate(pool, "pool");
        if (local)
        {
            RequireOtherPool(share, pool);
        }

        var frequency = request.FrequencyMinutes ?? (request.Cron is null ? existing?.FrequencyMinutes : null);
        var cron = request.Cron ?? (request.FrequencyMinutes is null ? existing?.Cron : null);
        schedule.CronOfRequired(frequency, cron, "the task");
        var port = local ? 0 : TaskRules.Port(request.Port ?? existing?.Port ?? target.ReplicationPort);

        if (request.Keep is not null && request.Retention is not null)
        {
            throw new ValidationException("Give either keep (a shorthand for the last N) or a retention policy, not both.");
        }

        TaskRules.Keep(request.Keep);

        var retention = (request.Keep is { } keep ? RetentionPolicy.KeepLast(keep) : request.Retention?.Validate())
            ?? existing?.Retention
            ?? RetentionPolicy.KeepLast(DefaultKeep);
        var destinationRetention = request.DestinationRetention is { } proposed
            ? (proposed == new RetentionPolicy() ? null : proposed.Validate()) // all zero: propose the source's own policy again
            : existing?.DestinationRetention;

        // Absent keeps what the task had; 0 removes the limit.
        var limit = request.BandwidthLimitMBps ?? existing?.BandwidthLimitMBps;
        TaskRules.BandwidthLimit(limit);
        var compression = request.Compression is { } named ? TaskRules.Compression(named) : existing?.Compression ?? CompressionMode.Off;

        // Absent keeps the window; both empty remove it.
        var window = request.WindowStart is null && request.WindowEnd is null
            ? existing?.Window
            : ReplicationWindow.Parse(request.WindowStart, request.WindowEnd);
        schedule.RequireRunsInside(window, frequency, cron, time.GetUtcNow());

        // One task per share and appliance; to this appliance itself, one per share and pool.
        if (tasks.List().Any(t => t.Id != existing?.Id && t.Share == share.Name && t.TargetApplianceId == target.Id && (!local || t.TargetPool == pool)))
        {
            throw new ConflictException(local
                ? $"Share '{share.Name}' already has a task to pool '{pool}' of this appliance."
                : $"Share '{share.Name}' already has a task to {target.Hostname}.");
        }

        var task = existing ?? new ReplicationTask
        {
            Share = share.Name,
            TargetApplianceId = target.Id,
            TargetPool = pool!,
            Port = port,
            Retention = retention,
            Enabled = true,
            CreatedAt = time.GetUtcNow(),
        };
        task.Share = share.Name;
        task.TargetApplianceId = target.Id;
        task.TargetPool = pool!;
        task.FrequencyMinutes = frequency;
        task.Cron = frequency is null ? cron!.Trim() : null;
        task.Port = port;
        task.Retention = retention;
        task.DestinationRetention = destinationRetention;
        task.Enabled = request.Enabled ?? existing?.Enabled ?? true;
        task.BandwidthLimitMBps = limit is > 0 ? limit : null;
        task.Compression = compression;
        task.Resumable = request.Resumable ?? existing?.Resumable ?? false;
        task.Window = window;
        return task;
    }

    private string? SoleAppliance()
    {
        var paired = appliances.List().Where(a => a.State == PairingState.Paired).ToList();
        return paired.Count == 1 ? paired[0].Id : null;
    }
}
