namespace Rockstor.Domain.Snapshots;

public sealed record SnapshotQuery(
    string? Share = null,
    string? Search = null,
    SnapshotSort Sort = SnapshotSort.CreatedAt,
    bool Descending = true,
    int Skip = 0,
    int Take = 50,
    int? ScheduleId = null);
