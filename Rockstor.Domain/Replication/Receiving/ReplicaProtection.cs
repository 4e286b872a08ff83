using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The destination's own say over its replicas' history (ADR-025): the policy it applies and how long a
/// received snapshot is protected. A sender only proposes a policy, adopted by itself only when it keeps
/// at least as much as the one in force; only this appliance's admin sets a policy or a protection
/// period; and no policy deletes a snapshot inside its protection period.
/// </summary>
public sealed class ReplicaProtection(IIncomingReplicaRepository replicas, IReceiveSettings settings, StorageLock storageLock, TimeProvider time)
{
    public const int MaxDays = 3650;

    public int DefaultDays() => settings.DefaultProtectionDays();

    public void SetDefaultDays(int days) => settings.SetDefaultProtectionDays(RequireDays(days));

    public int DaysFor(IncomingReplica replica) => replica.ProtectionDays ?? settings.DefaultProtectionDays();

    /// <summary>
    /// Records what the sender proposes. Its first proposal, and any later one that keeps at least as
    /// much, is adopted; one that keeps less is not, and the sentence returned says so (for the refusals).
    /// </summary>
    public string? Propose(IncomingReplica replica, RetentionPolicy proposal)
    {
        var adopted = replica.AdoptedRetention is not { } current || proposal.KeepsAtLeast(current) ? proposal : current;
        if (proposal == replica.ProposedRetention && adopted == replica.AdoptedRetention)
        {
            return null;
        }

        replicas.SaveSenderPolicy(replica.Id, proposal, adopted);
        replica.ProposedRetention = proposal;
        replica.AdoptedRetention = adopted;
        return adopted == proposal
            ? null
            : $"The sender proposes keeping {proposal} of {replica.ReplicaShare}, which keeps less than the {adopted} adopted here: this appliance "
              + "goes on keeping that until its admin accepts the proposal (Replication -> Receive -> History).";
    }

    /// <summary>
    /// The destination admin's say over one replica. <paramref name="followSender"/> accepts the sender's
    /// latest proposal and clears the admin's own policy; otherwise a <paramref name="retention"/> given
    /// becomes the replica's own. <paramref name="defaultProtection"/> goes back to the default period;
    /// otherwise a <paramref name="protectionDays"/> given is the replica's own. What is not given stays.
    /// </summary>
    public async Task<IncomingReplica> SetAsync(int replicaId, RetentionPolicy? retention, bool followSender, int? protectionDays, bool defaultProtection, CancellationToken ct)
    {
        var policy = retention?.Validate();
        var days = protectionDays is { } given ? RequireDays(given) : (int?)null;
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false); // a receive's retention runs under it: one or the other, whole
        var replica = replicas.Find(replicaId) ?? throw new NotFoundException($"There is no incoming replica {replicaId}.");
        if (followSender)
        {
            replica.Retention = null;
            replica.AdoptedRetention = replica.ProposedRetention ?? replica.AdoptedRetention;
        }
        else if (policy is not null)
        {
            replica.Retention = policy;
        }

        if (defaultProtection)
        {
            replica.ProtectionDays = null;
        }
        else if (days is not null)
        {
            replica.ProtectionDays = days;
        }

        replicas.SaveOwnHistory(replica.Id, replica.Retention, replica.AdoptedRetention, replica.ProtectionDays);
        return replica;
    }

    /// <summary>
    /// What the replica's policy deletes of the task's received snapshots (oldest first by name), and what
    /// protection withholds from it. Locked ones stay and are not counted; <paramref name="newest"/>, the
    /// next run's parent, always stays.
    /// </summary>
    public (IReadOnlyList<Snapshot> Delete, IReadOnlyList<WithheldDeletion> Withheld) Thin(IncomingReplica replica, IReadOnlyList<Snapshot> own, string newest)
    {
        var policy = replica.EffectiveRetention;
        var doomed = RetentionRule.ToDelete(own, s => s.CreatedAt, policy, s => s.Locked).Where(s => s.Name != newest).ToList();
        var days = DaysFor(replica);
        var now = time.GetUtcNow();
        var kept = doomed.Where(s => Until(s, days) > now).ToList();
        var before = replica.Withheld.ToDictionary(w => w.Snapshot, StringComparer.Ordinal);
        var withheld = kept
            .Select(s => new WithheldDeletion(
                s.Name,
                $"{policy} ({replica.EffectiveRetentionSource})",
                before.TryGetValue(s.Name, out var known) ? known.FirstAt : now,
                Until(s, days)!.Value))
            .ToList();
        return (doomed.Except(kept).ToList(), withheld);
    }

    /// <summary>What protection withholds now: entries whose period has ended are gone from the list (the next receive deletes them).</summary>
    public IReadOnlyList<WithheldDeletion> Withheld(IncomingReplica replica)
    {
        var now = time.GetUtcNow();
        return replica.Withheld.Where(w => w.ProtectedUntil > now).ToList();
    }

    /// <summary>Until when a received snapshot stays whatever its policy says; null when it is not protected (any more).</summary>
    public static DateTimeOffset? Until(Snapshot snapshot, int days) =>
        days > 0 && snapshot.ReceivedUuid is not null ? snapshot.CreatedAt.AddDays(days) : null;

    /// <summary>Protection of any snapshot, for a list: each task's replica read once, its snapshots known by their names.</summary>
    public Func<Snapshot, DateTimeOffset?> ForListing()
    {
        var byShare = replicas.List()
            .GroupBy(r => r.ReplicaShare, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => (r.SenderTaskId, Days: DaysFor(r))).ToList(), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return snapshot =>
        {
            if (!byShare.TryGetValue(snapshot.Share, out var tasks))
            {
                return null;
            }

            var days = tasks.Where(t => ReplicationNames.IsOfTask(snapshot.Name, t.SenderTaskId)).Select(t => t.Days).DefaultIfEmpty(0).Max();
            return Until(snapshot, days) is { } until && until > now ? until : null;
        };
    }

    /// <summary>A protection period in days, or a sentence when it is not one: from 0 (none) to <see cref="MaxDays"/>.</summary>
    public static int RequireDays(int days) => days is >= 0 and <= MaxDays
        ? days
        : throw new ValidationException($"A protection period is between 0 (none) and {MaxDays} days; {days} is not.");
}
