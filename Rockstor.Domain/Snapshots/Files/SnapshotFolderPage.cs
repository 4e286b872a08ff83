namespace Rockstor.Domain.Snapshots.Files;

/// <summary>One page of a folder of a snapshot, folders first then by name, with how many entries match in all.</summary>
public sealed record SnapshotFolderPage(SnapshotFilePath Path, IReadOnlyList<SnapshotEntry> Entries, int Total);
