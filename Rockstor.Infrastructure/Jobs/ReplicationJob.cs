using Hangfire;
using Rockstor.Domain.Replication;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>
/// What Hangfire runs for a task. The runner records every attempt in the trail itself, so Hangfire
/// does not retry: the next scheduled run is the retry.
/// </summary>
public sealed class ReplicationJob(ReplicationRunner runner)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Replicate task {0}")]
    public Task RunAsync(int taskId, CancellationToken ct) => runner.RunAsync(taskId, ct);
}
