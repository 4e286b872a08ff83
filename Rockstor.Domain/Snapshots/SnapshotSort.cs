namespace Rockstor.Domain.Snapshots;

public enum SnapshotSort
{
    CreatedAt,
    Name,
    Share,
}
