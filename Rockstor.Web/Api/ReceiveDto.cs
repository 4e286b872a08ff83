using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;

namespace Rockstor.Web.Api;

/// <summary>
/// An incoming replica: <see cref="Retention"/> is this appliance's own policy (null: it applies the
/// sender's <see cref="AdoptedRetention"/>: its first proposal, or a later one that keeps at least as
/// much, or one the admin accepted), <see cref="EffectiveRetention"/> the one applied;
/// <see cref="ProtectionDays"/> the replica's own period (null: the appliance's default), and
/// <see cref="EffectiveProtectionDays"/> the one applied; <see cref="Withheld"/> what protection keeps
/// that the policy would delete; <see cref="Promotion"/> the live share it was made (it then takes no runs).
/// </summary>
public sealed record ReceiveDto(
    int Id,
    string SenderApplianceId,
    string SenderHostname,
    string SourceShare,
    string ReplicaShare,
    string Pool,
    DateTimeOffset? LastReceiveAt,
    AttemptDto? LastAttempt,
    RetentionPolicy? ProposedRetention,
    RetentionPolicy? AdoptedRetention,
    RetentionPolicy? Retention,
    RetentionPolicy EffectiveRetention,
    int? ProtectionDays,
    int EffectiveProtectionDays,
    IReadOnlyList<WithheldDeletion> Withheld,
    ReplicaPromotion? Promotion)
{
    public static ReceiveDto From(ReceiveView view, ReplicaProtection protection) => new(
        view.Replica.Id,
        view.Replica.SenderApplianceId,
        view.SenderHostname,
        view.Replica.SourceShare,
        view.Replica.ReplicaShare,
        view.Replica.Pool,
        view.Replica.LastReceiveAt,
        view.Latest is null ? null : AttemptDto.From(view.Latest),
        view.Replica.ProposedRetention,
        view.Replica.AdoptedRetention,
        view.Replica.Retention,
        view.Replica.EffectiveRetention,
        view.Replica.ProtectionDays,
        protection.DaysFor(view.Replica),
        protection.Withheld(view.Replica),
        view.Replica.Promotion);
}
