using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Failback;

/// <summary>
/// The destination's side of a failback: on the request of the appliance a replica came from (and only of
/// that appliance), sends one of the replica's received snapshots back to it, over the same peer socket,
/// presenting the restore's one-time code; recorded in the replica's receive trail (ADR-015, ADR-017).
/// </summary>
public sealed class FailbackSender(
    IIncomingReplicaRepository replicas,
    ISnapshotRepository snapshots,
    IPairedApplianceRepository appliances,
    IReplicationTransport transport,
    IReplicationScheduler scheduler,
    IBtrfs btrfs,
    AttemptLog log)
{
    /// <summary>Longest restore code taken (the source makes 43 characters).</summary>
    private const int MaxCodeLength = 128;

    /// <summary>What this appliance holds of <paramref name="callerId"/>'s shares: the snapshots it could send back, newest first.</summary>
    public IReadOnlyList<HeldReplica> Held(string callerId) =>
        replicas.List()
            .Where(r => r.SenderApplianceId == callerId)
            .GroupBy(r => r.SourceShare, StringComparer.Ordinal)
            .Select(g => new HeldReplica(g.Key, Received(g.First().ReplicaShare).Select(s => new HeldSnapshot(s.Name, s.CreatedAt)).ToList()))
            .Where(r => r.Snapshots.Count > 0)
            .OrderBy(r => r.SourceShare, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Takes a paired appliance's request to have a snapshot of its share sent back: only a snapshot of a
    /// replica that came from that appliance, and only with a code to present. Queues the send.
    /// </summary>
    public void Accept(string callerId, PeerRestoreRequest request)
    {
        if (string.IsNullOrEmpty(request.Code) || request.Code.Length > MaxCodeLength)
        {
            throw new ValidationException("A restore request carries the code the restore was given.");
        }

        var share = ResourceName.Validate(request.Share, "share");
        var replica = replicas.List().FirstOrDefault(r => r.SenderApplianceId == callerId && r.SourceShare == share)
            ?? throw new NotFoundException($"This appliance holds no replica of your share '{share}'.");
        if (!ResourceName.IsSafe(request.Snapshot) || snapshots.Find(replica.ReplicaShare, request.Snapshot) is not { ReceivedUuid: not null })
        {
            throw new NotFoundException($"The replica of '{share}' has no received snapshot of that name.");
        }

        scheduler.SendBack(replica.Id, request.Snapshot, request.Code);
    }

    /// <summary>Sends the snapshot back and records how it went (the job <see cref="Accept"/> queued).</summary>
    public async Task<Attempt> SendBackAsync(int replicaId, string snapshotName, string code, CancellationToken ct)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        var snapshot = snapshots.Find(replica.ReplicaShare, snapshotName) is { ReceivedUuid: not null } found
            ? found
            : throw new NotFoundException($"The replica '{replica.ReplicaShare}' has no received snapshot '{snapshotName}'.");
        var source = appliances.Find(replica.SenderApplianceId) is { State: PairingState.Paired } paired
            ? paired
            : throw new ConflictException($"The appliance this replica came from ({replica.SenderApplianceId}) is not paired with this one; pair it again first.");
        var attempt = log.Start(TrailSide.Receive, replica.Id, snapshot.Name, $"Failback to {source.Hostname}, which asked for it");
        var status = AttemptStatus.Failed;
        string? error;
        try
        {
            var hello = new ReplicationHello(replica.SenderTaskId, replica.SourceShare, "", null, new RestoreRequest(code));
            await using var session = await transport.ConnectAsync(source, source.ReplicationPort, hello, ct).ConfigureAwait(false);

            // The stream carries the snapshot's received uuid (that of the source's own snapshot): the
            // source checks what it rebuilds against it.
            var verdict = await session.SendAsync(
                    new ReplicationOffer(snapshot.Name, snapshot.ReceivedUuid!, null),
                    (stream, token) => btrfs.SendAsync(snapshot.Path, null, stream, token),
                    log.EstimateAsync(attempt, snapshot.Path, null, ct),
                    new SendOptions(),
                    log.Progress(TrailSide.Receive, attempt),
                    ct)
                .ConfigureAwait(false);
            attempt.Bytes = verdict.Bytes;
            attempt.StreamBytes = verdict.StreamBytes;
            status = verdict.Ok ? AttemptStatus.Succeeded : AttemptStatus.Failed;
            error = verdict.Error;
        }
#pragma warning disable CA1031 // Whatever ends the failback, its attempt ends with the reason, never "running".
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e is RockstorException or IOException ? e.Message : $"Unexpected error ({e.GetType().Name}): {e.Message}";
        }

        log.End(TrailSide.Receive, attempt, status, error);
        return attempt;
    }

    private IEnumerable<Snapshot> Received(string replicaShare) =>
        snapshots.ListForShare(replicaShare).Where(s => s.ReceivedUuid is not null).OrderByDescending(s => s.Name, StringComparer.Ordinal);
}
