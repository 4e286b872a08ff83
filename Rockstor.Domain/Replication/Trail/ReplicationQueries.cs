using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Replication.Trail;

/// <summary>What the Send, Receive and trail screens (and the API) read.</summary>
public sealed class ReplicationQueries(
    IReplicationTaskRepository tasks,
    IIncomingReplicaRepository replicas,
    ITrailRepository trails,
    IPairedApplianceRepository appliances,
    IRefusalLog refusals,
    Snapshots.ISnapshotRepository snapshots,
    ApplianceIdentity identity,
    ReplicationEventBus live)
{
    public const int MaxTrailPage = 500;

    public IReadOnlyList<SendTaskView> Sends() => Sends(0, int.MaxValue).Items;

    /// <summary>
    /// A page of the send tasks in id order; only the page's tasks have their trails read, so the Send
    /// screen costs the same with 20 tasks as with 2,000.
    /// </summary>
    public ListPage<SendTaskView> Sends(int skip, int take)
    {
        var all = tasks.List();
        var names = Hostnames();
        return new ListPage<SendTaskView>(all.Skip(Math.Max(0, skip)).Take(Math.Max(1, take)).Select(t => View(t, names)).ToList(), all.Count);
    }

    public SendTaskView Send(int id)
    {
        var task = tasks.Find(id) ?? throw new NotFoundException($"There is no replication task {id}.");
        return View(task, Hostnames());
    }

    public IReadOnlyList<ReceiveView> Receives() => Receives(0, int.MaxValue).Items;

    /// <summary>A page of the incoming replicas in id order; only the page's trails are read.</summary>
    public ListPage<ReceiveView> Receives(int skip, int take)
    {
        var all = replicas.List();
        var names = Hostnames();
        return new ListPage<ReceiveView>(all.Skip(Math.Max(0, skip)).Take(Math.Max(1, take)).Select(r => View(r, names)).ToList(), all.Count);
    }

    public ReceiveView Receive(int id)
    {
        var replica = replicas.Find(id) ?? throw new NotFoundException($"There is no incoming replica {id}.");
        return View(replica, Hostnames());
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

    /// <summary>A page of a trail with the number of attempts it holds, for a screen that pages.</summary>
    public ListPage<Attempt> TrailPage(TrailSide side, int ownerId, int skip, int take) =>
        new(Trail(side, ownerId, skip, take), trails.Count(side, ownerId));

    public IReadOnlyList<Refusal> Refusals(int count = 50) => refusals.Latest(count);

    /// <summary>What a replica holds as received (not what a promotion or a person added beside), newest first.</summary>
    public IReadOnlyList<Snapshots.Snapshot> Received(IncomingReplica replica) =>
        snapshots.ListForShare(replica.ReplicaShare)
            .Where(s => s.ReceivedUuid is not null)
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.Name, StringComparer.Ordinal)
            .ToList();

    private SendTaskView View(ReplicationTask task, Dictionary<string, string> hostnames) => new(
        task,
        NameOf(task.TargetApplianceId, hostnames),
        Latest(TrailSide.Send, task.Id),
        trails.LatestSucceeded(TrailSide.Send, task.Id));

    private ReceiveView View(IncomingReplica replica, Dictionary<string, string> hostnames) => new(
        replica,
        NameOf(replica.SenderApplianceId, hostnames),
        Latest(TrailSide.Receive, replica.Id));

    /// <summary>The newest attempt, with its live counts while it runs.</summary>
    private Attempt? Latest(TrailSide side, int ownerId) => trails.Latest(side, ownerId) is { } latest ? live.Live(side, latest) : null;

    private Dictionary<string, string> Hostnames() =>
        appliances.List().ToDictionary(a => a.Id, a => a.Hostname, StringComparer.Ordinal);

    /// <summary>A paired appliance's name, or "this appliance" for the target (and sender) of its local tasks.</summary>
    private string NameOf(string applianceId, Dictionary<string, string> hostnames) =>
        identity.IsOwn(applianceId) ? LocalTarget.Name : hostnames.GetValueOrDefault(applianceId, applianceId);
}
