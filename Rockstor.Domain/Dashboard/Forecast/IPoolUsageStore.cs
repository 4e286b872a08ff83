namespace Rockstor.Domain.Dashboard.Forecast;

/// <summary>Where the pools' usage history is kept across restarts (a LiteDB collection in Infrastructure).</summary>
public interface IPoolUsageStore
{
    /// <summary>The samples taken at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<PoolUsageSample> Load(DateTimeOffset since);

    /// <summary>Writes a batch of samples in one write, and drops what is older than <paramref name="pruneBefore"/>.</summary>
    void Append(IReadOnlyList<PoolUsageSample> batch, DateTimeOffset pruneBefore);
}
