namespace Rockstor.Domain.Replication.Sending;

/// <summary>
/// How a run copes with trouble: after a transient failure it waits (exponential backoff, bounded) and
/// tries again; a try whose byte count has not moved for <see cref="StallLimit"/> is ended as stalled
/// (and tried again, as a stall is usually the network).
/// </summary>
public sealed record RetryPolicy(int MaxRetries, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan StallLimit)
{
    /// <summary>Up to 6 more tries after 1, 2, 4, 8, 16 and 32 s (a peer restarting has two minutes); stalled after 2 minutes.</summary>
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));

    /// <summary>The wait before try number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan Delay(int retry)
    {
        var delay = FirstDelay * Math.Pow(2, Math.Max(0, retry - 1));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
