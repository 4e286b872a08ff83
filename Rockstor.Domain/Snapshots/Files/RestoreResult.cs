namespace Rockstor.Domain.Snapshots.Files;

/// <summary>What a restore did, and the snapshot that keeps what it replaced (replace mode only).</summary>
public sealed record RestoreResult(IReadOnlyList<RestoredFile> Restored, string? KeptIn);
