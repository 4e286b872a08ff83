namespace Rockstor.Domain.Replication;

/// <summary>How a run tries again after a transient failure: exponential backoff, bounded.</summary>
public sealed record RetryPolicy(int MaxRetries, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>Up to 6 more tries after 1, 2, 4, 8, 16 and 32 s (a peer restarting has two minutes).</summary>
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>The wait before try number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan Delay(int retry)
    {
        var delay = FirstDelay * Math.Pow(2, Math.Max(0, retry - 1));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
