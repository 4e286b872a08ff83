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
    int? ScheduleId)
{
    public static SnapshotDto From(Snapshot s) =>
        new(s.Name, s.Share, s.Pool, s.Path, s.ReadOnly, s.CreatedAt, s.Uuid, s.ParentUuid, s.ReceivedUuid, s.Locked, s.ScheduleId);
}
