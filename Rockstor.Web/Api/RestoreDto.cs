using Rockstor.Domain.Replication.Restores;

namespace Rockstor.Web.Api;

/// <summary>
/// A restore as the API shows it; <c>rollback</c> when the share is rolled back rather than restored as
/// <c>newShare</c>; <c>paths</c> (with <c>mode</c>) when only those files or folders go back into the share.
/// </summary>
public sealed record RestoreDto(
    int Id,
    string ApplianceId,
    string Share,
    string Snapshot,
    string? NewShare,
    string? TargetPool,
    bool Rollback,
    DateTimeOffset AskedAt,
    DateTimeOffset ExpiresAt,
    string State,
    string? Outcome,
    IReadOnlyList<string>? Paths,
    string? Mode)
{
    public static RestoreDto From(PendingRestore r) => new(
        r.Id, r.ApplianceId, r.SourceShare, r.Snapshot, r.NewShare, r.TargetPool, r.Rollback, r.AskedAt, r.ExpiresAt, r.State.ToString().ToLowerInvariant(), r.Outcome, r.Paths, r.PathsMode);
}
