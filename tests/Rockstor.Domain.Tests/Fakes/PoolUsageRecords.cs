using Rockstor.Domain.Dashboard.Forecast;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The pools' usage history store in memory, with every batch it was given.</summary>
public sealed class PoolUsageRecords : IPoolUsageStore
{
    public List<IReadOnlyList<PoolUsageSample>> Batches { get; } = [];

    public IReadOnlyList<PoolUsageSample> Load(DateTimeOffset since) =>
        Batches.SelectMany(b => b).Where(s => s.At >= since).OrderBy(s => s.At).ToList();

    public void Append(IReadOnlyList<PoolUsageSample> batch, DateTimeOffset pruneBefore)
    {
        Batches.Add(batch);
        Batches.RemoveAll(b => b.Max(s => s.At) < pruneBefore);
    }
}
