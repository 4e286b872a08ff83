namespace Rockstor.Domain.Replication.Restores;

/// <summary>
/// What the admin asks for: <see cref="Snapshot"/> of <see cref="Share"/>, held by the paired appliance
/// <see cref="ApplianceId"/>, sent back here as the new share <see cref="NewShare"/> in <see cref="TargetPool"/>,
/// or (<see cref="Rollback"/>) with <see cref="Share"/> rolled back to it, or only its <see cref="Paths"/>
/// put back into <see cref="Share"/> (<see cref="Mode"/> "beside" the current ones, or "replace").
/// </summary>
public sealed record RestoreAsk(
    string? ApplianceId,
    string? Share,
    string? Snapshot,
    string? NewShare = null,
    string? TargetPool = null,
    bool Rollback = false,
    IReadOnlyList<string>? Paths = null,
    string? Mode = null);
