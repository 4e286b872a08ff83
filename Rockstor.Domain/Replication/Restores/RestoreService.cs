using System.Security.Cryptography;
using System.Text;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Domain.Replication.Restores;

/// <summary>
/// Restores on the appliance that receives them (ADR-017). The admin here asks a paired appliance to send
/// back a snapshot of one of this appliance's shares; this appliance records the restore with a one-time
/// code and gives the code to that appliance only, over its pinned API. A snapshot sent back is taken only
/// against such a restore (<see cref="Claim"/>): nothing another appliance sends can create or roll back a
/// share here unless the admin asked for it.
/// </summary>
public sealed class RestoreService(
    IPendingRestoreRepository restores,
    IPairedApplianceRepository appliances,
    IRestorePeer peers,
    ApplianceIdentity identity,
    IShareRepository shares,
    IPoolRepository pools,
    IReplicationTaskRepository tasks,
    TimeProvider time)
{
    private readonly Lock _claiming = new();

    /// <summary>What a paired appliance holds of this appliance's shares, read from it.</summary>
    public Task<IReadOnlyList<HeldReplica>> HeldAsync(string applianceId, CancellationToken ct) =>
        peers.ListHeldAsync(Paired(applianceId), identity.Current.Id, ct);

    /// <summary>The latest restores asked for here, newest first.</summary>
    public IReadOnlyList<PendingRestore> List(int take = 50) => restores.List(take);

    /// <summary>
    /// Checks the ask, records the restore and asks the appliance to send the snapshot back. A rollback is
    /// only of a share whose replication task targets that appliance; a new share needs a free name and a
    /// pool here. When the appliance refuses or cannot be reached, nothing stays recorded.
    /// </summary>
    public async Task<PendingRestore> AskAsync(RestoreAsk ask, CancellationToken ct)
    {
        var peer = Paired(ask.ApplianceId);
        var share = ResourceName.Validate(ask.Share, "share");
        if (!ResourceName.IsSafe(ask.Snapshot))
        {
            throw new ValidationException("Choose the snapshot to restore.");
        }

        var paths = ask.Paths is { Count: > 0 } ? ask.Paths : null;
        if (new[] { ask.Rollback, !string.IsNullOrWhiteSpace(ask.NewShare), paths is not null }.Count(chosen => chosen) != 1)
        {
            throw new ValidationException(
                "Restore the snapshot as a new share (give its name and a pool), by rolling the share back, or only chosen files or folders of it (paths): one of the three.");
        }

        var mode = paths is null ? null : RestoreModes.Name(RestoreModes.Parse(ask.Mode));
        if (paths is not null)
        {
            if (paths.Count > SnapshotRestoreService.MaxPaths || paths.Any(p => SnapshotFilePath.Parse(p).IsTop))
            {
                throw new ValidationException($"Choose 1 to {SnapshotRestoreService.MaxPaths} files or folders in the snapshot (not its top: roll the share back for that).");
            }
        }

        if (ask.Rollback || paths is not null)
        {
            if (shares.Find(share) is not { Kind: ShareKind.Regular })
            {
                throw new NotFoundException($"There is no share '{share}' here to restore into; restore the snapshot as a new share instead.");
            }

            if (!tasks.List().Any(t => t.Share == share && t.TargetApplianceId == peer.Id))
            {
                throw new ConflictException(
                    $"Only a share that replicates to {peer.Hostname} can be rolled back or have files restored from it, and no task replicates '{share}' there; restore the snapshot as a new share instead.");
            }
        }
        else
        {
            var newShare = ResourceName.Validate(ask.NewShare, "share");
            if (shares.Find(newShare) is not null)
            {
                throw new ConflictException($"A share named '{newShare}' already exists; choose another name.");
            }

            if (pools.Find(ResourceName.Validate(ask.TargetPool, "pool")) is null)
            {
                throw new NotFoundException($"There is no pool named '{ask.TargetPool}'.");
            }
        }

        var code = NewCode();
        var restore = new PendingRestore
        {
            ApplianceId = peer.Id,
            SourceShare = share,
            Snapshot = ask.Snapshot!,
            NewShare = ask.Rollback || paths is not null ? null : ask.NewShare,
            TargetPool = ask.Rollback || paths is not null ? null : ask.TargetPool,
            Paths = paths?.Select(p => SnapshotFilePath.Parse(p).ToString()).Distinct().ToList(),
            PathsMode = mode,
            CodeHash = HashOf(code),
            AskedAt = time.GetUtcNow(),
        };
        restores.Save(restore);
        try
        {
            await peers.RequestRestoreAsync(peer, identity.Current.Id, new PeerRestoreRequest(code, share, restore.Snapshot), ct).ConfigureAwait(false);
        }
        catch
        {
            restores.Remove(restore.Id);
            throw;
        }

        return restore;
    }

    /// <summary>
    /// The restore a failback hello presents, if it may go on: its code was given to <paramref name="sender"/>
    /// for this share, it has not been used, and it has not expired. Otherwise refused with the reason.
    /// </summary>
    public PendingRestore Claim(PairedAppliance sender, ReplicationHello hello)
    {
        if (string.IsNullOrEmpty(hello.Restore?.Code))
        {
            throw new ReplicationRefusedException(
                "No restore was asked for: a snapshot is sent back to this appliance only when its admin asks for it here (Restore from …).");
        }

        var restore = restores.FindByCodeHash(HashOf(hello.Restore.Code))
            ?? throw new ReplicationRefusedException("No restore was asked for with this code.");
        if (restore.ApplianceId != sender.Id)
        {
            throw new ReplicationRefusedException("This restore was asked of another appliance.");
        }

        if (restore.SourceShare != hello.SourceShare)
        {
            throw new ReplicationRefusedException($"This restore is of share '{restore.SourceShare}', not of the share the hello names.");
        }

        if (restore.UsedAt is not null)
        {
            throw new ReplicationRefusedException("This restore was used already; ask for it again.");
        }

        if (time.GetUtcNow() > restore.ExpiresAt)
        {
            Finish(restore, RestoreState.Failed, "Expired: the other appliance did not start sending in time.");
            throw new ReplicationRefusedException("This restore expired; ask for it again.");
        }

        return restore;
    }

    /// <summary>Takes the offer of a claimed restore: it must be the snapshot asked for, and the restore is used from now on.</summary>
    public void Use(PendingRestore restore, ReplicationOffer offer)
    {
        if (offer.Snapshot != restore.Snapshot)
        {
            throw new ReplicationRefusedException($"The snapshot sent is not the one asked for ('{restore.Snapshot}').");
        }

        lock (_claiming)
        {
            if (restores.FindByCodeHash(restore.CodeHash) is not { UsedAt: null })
            {
                throw new ReplicationRefusedException("This restore was used already; ask for it again.");
            }

            restore.UsedAt = time.GetUtcNow();
            restore.State = RestoreState.Receiving;
            restores.Save(restore);
        }
    }

    public void Finish(PendingRestore restore, RestoreState state, string? outcome)
    {
        restore.State = state;
        restore.Outcome = outcome;
        restores.Save(restore);
    }

    private PairedAppliance Paired(string? applianceId) =>
        appliances.Find(applianceId ?? "") is { State: PairingState.Paired } peer
            ? peer
            : throw new NotFoundException("There is no such paired appliance; pair it first.");

    private static string NewCode() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string HashOf(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
