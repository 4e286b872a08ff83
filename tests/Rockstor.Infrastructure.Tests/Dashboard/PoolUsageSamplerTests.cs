using Microsoft.Extensions.Hosting;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Infrastructure.Dashboard;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Dashboard;

/// <summary>The sampler over a real image pool and the real store, with its intervals shortened.</summary>
public sealed class PoolUsageSamplerTests : IDisposable
{
    private readonly StorageHost _host = new(new Dictionary<string, string?>
    {
        ["Rockstor:Dashboard:SampleInterval"] = "00:00:00.200",
        ["Rockstor:Dashboard:FlushInterval"] = "00:00:01",
    });

    public void Dispose() => _host.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task A_pool_s_usage_is_sampled_written_in_batches_and_read_back_after_a_restart()
    {
        var pool = await _host.CreateImagePoolAsync("sampled");
        var sampler = _host.Get<IEnumerable<IHostedService>>().OfType<PoolUsageSampler>().Single();
        var store = _host.Get<IPoolUsageStore>();

        await sampler.StartAsync(_host.Lifetime);
        await Waiting.UntilAsync(() => Assert.True(store.Load(DateTimeOffset.MinValue).Count >= 5), TimeSpan.FromSeconds(20));
        var batches = _host.Get<Rockstor.Infrastructure.Persistence.RockstorDatabase>().Database.GetCollection(PoolUsageStore.Collection).Count();
        await sampler.StopAsync(CancellationToken.None);

        Assert.InRange(batches, 1, 20); // a batch a second, not a write per sample
        var written = store.Load(DateTimeOffset.MinValue);
        Assert.All(written, s => Assert.Equal(("sampled", pool.SizeBytes), (s.Pool, s.SizeBytes)));
        Assert.All(written, s => Assert.True(s.UsedBytes > 0));
        Assert.Equal(0, _host.Get<PoolUsageHistory>().Pending); // stopping wrote the rest

        _host.Restart();

        Assert.Equal(written.Count, _host.Get<PoolUsageHistory>().For("sampled").Count);
    }
}
