namespace Rockstor.Domain.Snapshots.Files;

/// <summary>One path restored: where it was in the snapshot and where it is now in the share.</summary>
public sealed record RestoredFile(string From, string To);
