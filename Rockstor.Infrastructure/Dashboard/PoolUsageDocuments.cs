namespace Rockstor.Infrastructure.Dashboard;

/// <summary>One flush of the pools' usage history: the samples taken since the one before.</summary>
internal sealed class PoolUsageBatchDocument
{
    public int Id { get; set; }

    /// <summary>The newest sample's time (Unix milliseconds): a batch goes when it is older than what is kept.</summary>
    public long Newest { get; set; }

    public List<PoolUsageSampleDocument> Samples { get; set; } = [];
}

internal sealed class PoolUsageSampleDocument
{
    public string Pool { get; set; } = "";

    /// <summary>Unix milliseconds, UTC.</summary>
    public long At { get; set; }

    public long Used { get; set; }

    public long Size { get; set; }
}
