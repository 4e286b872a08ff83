using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The destination's own say over its replicas' history: the policy it applies and how long a received
/// snapshot is protected. Only the destination's admin changes either; a sender only proposes a policy,
/// and no policy (proposed or not) deletes a snapshot inside its protection period.
/// </summary>
public sealed class ReplicaProtection(IIncomingReplicaRepository replicas, IReceiveSettings settings, TimeProvider time)
{
    public const int MaxDays = 3650;

    public int DefaultDays() => settings.DefaultProtectionDays();

    public void SetDefaultDays(int days) => settings.SetDefaultProtectionDays(RequireDays(days));

    public int DaysFor(IncomingReplica replica) => replica.ProtectionDays ?? settings.DefaultProtectionDays();

    /// <summary>The destination admin's policy and protection for one replica; null fields go back to the proposal and the default.</summary>
    public IncomingReplica Set(int replicaId, RetentionPolicy? retention, int? protectionDays)
    {
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        replica.Retention = retention?.Validate();
        replica.ProtectionDays = protectionDays is { } days ? RequireDays(days) : null;
        replicas.Save(replica);
        return replica;
    }

    /// <summary>Until when a received snapshot of the replica stays whatever its policy says; null when it is not protected (any more).</summary>
    public static DateTimeOffset? Until(Snapshot snapshot, int days) =>
        days > 0 && snapshot.ReceivedUuid is not null ? snapshot.CreatedAt.AddDays(days) : null;

    /// <summary>Protection of any snapshot, for a list: replica shares' protection read once.</summary>
    public Func<Snapshot, DateTimeOffset?> ForListing()
    {
        var days = replicas.List()
            .GroupBy(r => r.ReplicaShare, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(DaysFor), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return snapshot => days.TryGetValue(snapshot.Share, out var d) && Until(snapshot, d) is { } until && until > now ? until : null;
    }

    private static int RequireDays(int days) => days is >= 0 and <= MaxDays
        ? days
        : throw new ValidationException($"A protection period is between 0 (none) and {MaxDays} days; {days} is not.");
}
