using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

public sealed record SnapshotDto(
    string Name,
    string Share,
    string Pool,
    string Path,
    bool ReadOnly,
    DateTimeOffset CreatedAt,
    string Uuid,
    string? ParentUuid,
    string? ReceivedUuid,
    bool Locked,
    int? ScheduleId,
    DateTimeOffset? ProtectedUntil,
    long? ReferencedBytes,
    long? ExclusiveBytes)
{
    public static SnapshotDto From(Snapshot s, DateTimeOffset? protectedUntil = null, QgroupSize? size = null) =>
        new(s.Name, s.Share, s.Pool, s.Path, s.ReadOnly, s.CreatedAt, s.Uuid, s.ParentUuid, s.ReceivedUuid, s.Locked, s.ScheduleId, protectedUntil, size?.Referenced, size?.Exclusive);
}
