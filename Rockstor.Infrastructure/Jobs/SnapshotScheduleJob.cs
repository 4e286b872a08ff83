using Hangfire;
using Rockstor.Domain.Schedules;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>What Hangfire runs for a snapshot schedule. A failed run is recorded on the schedule; the next time is the retry.</summary>
public sealed class SnapshotScheduleJob(SnapshotScheduleRunner runner)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Snapshot schedule {0}")]
    public Task RunAsync(int scheduleId, CancellationToken ct) => runner.RunAsync(scheduleId, requested: false, ct);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Snapshot schedule {0} now")]
    public Task RunNowAsync(int scheduleId, CancellationToken ct) => runner.RunAsync(scheduleId, requested: true, ct);
}
