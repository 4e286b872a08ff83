namespace Rockstor.Domain.Snapshots;

public sealed record SnapshotPage(IReadOnlyList<Snapshot> Items, int Total);
