using Rockstor.Domain.Snapshots;

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
    DateTimeOffset? ProtectedUntil)
{
    public static SnapshotDto From(Snapshot s, DateTimeOffset? protectedUntil = null) =>
        new(s.Name, s.Share, s.Pool, s.Path, s.ReadOnly, s.CreatedAt, s.Uuid, s.ParentUuid, s.ReceivedUuid, s.Locked, s.ScheduleId, protectedUntil);
}
