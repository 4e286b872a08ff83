namespace Rockstor.Domain.Replication.Restores;

/// <summary>
/// What the admin asks for: <see cref="Snapshot"/> of <see cref="Share"/>, held by the paired appliance
/// <see cref="ApplianceId"/>, sent back here as the new share <see cref="NewShare"/> in <see cref="TargetPool"/>,
/// or (<see cref="Rollback"/>) with <see cref="Share"/> rolled back to it.
/// </summary>
public sealed record RestoreAsk(string? ApplianceId, string? Share, string? Snapshot, string? NewShare = null, string? TargetPool = null, bool Rollback = false);
