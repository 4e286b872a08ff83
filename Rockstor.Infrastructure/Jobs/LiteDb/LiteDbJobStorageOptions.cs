namespace Rockstor.Infrastructure.Jobs.LiteDb;

public sealed class LiteDbJobStorageOptions
{
    /// <summary>How long an idle worker waits before it looks at the queues again (it is woken at once by an enqueue).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often expired jobs, sets, lists, hashes and counters are removed.</summary>
    public TimeSpan ExpirationCheckInterval { get; set; } = TimeSpan.FromMinutes(30);
}
