namespace Rockstor.Domain.Snapshots.Files;

/// <summary>One entry of a folder in a snapshot: its name, what it is, its size in bytes (files) and when it last changed.</summary>
public sealed record SnapshotEntry(string Name, SnapshotEntryKind Kind, long Size, DateTimeOffset ModifiedAt);
