using Hangfire;
using Rockstor.Domain.Replication.Failback;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>
/// A failback the replica's source asked for: runs once; its attempt is in the replica's receive trail.
/// Its one-time code is an argument: it is of no use once the source has taken the snapshot, or after the
/// restore expires there.
/// </summary>
public sealed class FailbackJob(FailbackSender failbacks)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Send snapshot {1} of replica {0} back")]
    public Task RunAsync(int replicaId, string snapshot, string code, CancellationToken ct) =>
        failbacks.SendBackAsync(replicaId, snapshot, code, ct);
}
