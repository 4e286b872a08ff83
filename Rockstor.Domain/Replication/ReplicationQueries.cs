using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Replication;

/// <summary>A send task as its table shows it: where it goes, how its latest attempt went, and its last backup.</summary>
public sealed record SendTaskView(ReplicationTask Task, string TargetHostname, Attempt? Latest, Attempt? LastBackup);

/// <summary>An incoming replica as the Receive screen shows it.</summary>
public sealed record ReceiveView(IncomingReplica Replica, string SenderHostname, Attempt? Latest);

/// <summary>What the Send, Receive and trail screens (and the API) read.</summary>
public sealed class ReplicationQueries(
    IReplicationTaskRepository tasks,
    IIncomingReplicaRepository replicas,
    ITrailRepository trails,
    IPairedApplianceRepository appliances,
    IRefusalLog refusals,
    ReplicationEventBus live)
{
    public const int MaxTrailPage = 500;

    public IReadOnlyList<SendTaskView> Sends()
    {
        var names = Hostnames();
        return tasks.List()
            .Select(t => View(t, names))
            .ToList();
    }

    public SendTaskView Send(int id)
    {
        var task = tasks.Find(id) ?? throw new NotFoundException($"There is no replication task {id}.");
        return View(task, Hostnames());
    }

    public IReadOnlyList<ReceiveView> Receives()
    {
        var names = Hostnames();
        return replicas.List()
            .Select(r => new ReceiveView(r, names.GetValueOrDefault(r.SenderApplianceId, r.SenderApplianceId), Latest(TrailSide.Receive, r.Id)))
            .ToList();
    }

    public ReceiveView Receive(int id)
    {
        var replica = replicas.Find(id) ?? throw new NotFoundException($"There is no incoming replica {id}.");
        return new ReceiveView(replica, Hostnames().GetValueOrDefault(replica.SenderApplianceId, replica.SenderApplianceId), Latest(TrailSide.Receive, id));
    }

    /// <summary>The attempts of a send task or an incoming replica, newest first.</summary>
    public IReadOnlyList<Attempt> Trail(TrailSide side, int ownerId, int skip, int take)
    {
        _ = side == TrailSide.Send ? Send(ownerId).Task.Id : Receive(ownerId).Replica.Id;
        if (skip < 0 || take is < 1 or > MaxTrailPage)
        {
            throw new ValidationException($"Ask for 1 to {MaxTrailPage} trail rows from a position of 0 or more.");
        }

        return trails.List(side, ownerId, skip, take).Select(a => live.Live(side, a)).ToList();
    }

    public IReadOnlyList<Refusal> Refusals(int count = 50) => refusals.Latest(count);

    private SendTaskView View(ReplicationTask task, Dictionary<string, string> hostnames) => new(
        task,
        hostnames.GetValueOrDefault(task.TargetApplianceId, task.TargetApplianceId),
        Latest(TrailSide.Send, task.Id),
        trails.LatestSucceeded(TrailSide.Send, task.Id));

    /// <summary>The newest attempt, with its live counts while it runs.</summary>
    private Attempt? Latest(TrailSide side, int ownerId) => trails.Latest(side, ownerId) is { } latest ? live.Live(side, latest) : null;

    private Dictionary<string, string> Hostnames() =>
        appliances.List().ToDictionary(a => a.Id, a => a.Hostname, StringComparer.Ordinal);
}
