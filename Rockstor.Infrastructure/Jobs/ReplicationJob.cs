using Hangfire;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>
/// What Hangfire runs for a task. The runner records every attempt in the trail itself, so Hangfire
/// does not retry: the next scheduled run is the retry.
/// </summary>
public sealed class ReplicationJob(ReplicationRunner runner)
{
    /// <summary>A scheduled run: it waits for the task's window, if it has one.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Replicate task {0}")]
    public Task RunAsync(int taskId, CancellationToken ct) => runner.RunAsync(taskId, requested: false, ct);

    /// <summary>A run the admin asked for (or a new task's first): it goes at once, window or not.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Replicate task {0} now")]
    public Task RunNowAsync(int taskId, CancellationToken ct) => runner.RunAsync(taskId, requested: true, ct);
}
