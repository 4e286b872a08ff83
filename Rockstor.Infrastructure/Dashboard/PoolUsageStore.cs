using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>
/// The pools' usage history in the store's "pool_usage" collection, one document per batch (a flush), so a
/// flush is one insert however many samples it carries; batches older than the history kept are deleted in
/// the same write. No index beyond the id: the collection holds a few hundred documents at most.
/// </summary>
internal sealed class PoolUsageStore(RockstorDatabase db) : IPoolUsageStore
{
    public const string Collection = "pool_usage";

    public IReadOnlyList<PoolUsageSample> Load(DateTimeOffset since)
    {
        var from = since.ToUnixTimeMilliseconds();
        return Batches().Find(b => b.Newest >= from)
            .SelectMany(b => b.Samples)
            .Where(s => s.At >= from)
            .OrderBy(s => s.At)
            .Select(s => new PoolUsageSample(s.Pool, DateTimeOffset.FromUnixTimeMilliseconds(s.At), s.Used, s.Size))
            .ToList();
    }

    public void Append(IReadOnlyList<PoolUsageSample> batch, DateTimeOffset pruneBefore)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var cutoff = pruneBefore.ToUnixTimeMilliseconds();
        var document = new PoolUsageBatchDocument
        {
            Newest = batch.Max(s => s.At).ToUnixTimeMilliseconds(),
            Samples = batch.Select(s => new PoolUsageSampleDocument { Pool = s.Pool, At = s.At.ToUnixTimeMilliseconds(), Used = s.UsedBytes, Size = s.SizeBytes }).ToList(),
        };
        db.Database.BeginTrans();
        try
        {
            Batches().Insert(document);
            Batches().DeleteMany(b => b.Newest < cutoff);
            db.Database.Commit();
        }
        catch
        {
            db.Database.Rollback();
            throw;
        }
    }

    private LiteDB.ILiteCollection<PoolUsageBatchDocument> Batches() => db.Database.GetCollection<PoolUsageBatchDocument>(Collection);
}
