using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Dashboard;

public sealed class PoolUsageHistoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DashboardSettings _settings = new() { HistoryKept = TimeSpan.FromDays(35), ForecastWindow = TimeSpan.FromDays(28) };

    [Fact]
    public void Samples_stay_in_memory_until_a_flush_writes_them_as_one_batch()
    {
        var store = new PoolUsageRecords();
        var history = new PoolUsageHistory(store, _settings, _time);
        for (var i = 0; i < 6; i++)
        {
            history.Record([new PoolUsageSample("tank", _time.GetUtcNow(), 100 + i, 1000), new PoolUsageSample("data", _time.GetUtcNow(), 5, 1000)]);
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Empty(store.Batches);
        Assert.Equal(6, history.For("tank").Count);
        Assert.Equal(12, history.Pending);

        history.Flush();
        history.Flush(); // nothing new: no write

        Assert.Single(store.Batches);
        Assert.Equal(12, store.Batches[0].Count);
        Assert.Equal(0, history.Pending);
    }

    [Fact]
    public void A_restart_reads_the_history_back_and_what_is_older_than_kept_goes()
    {
        var store = new PoolUsageRecords();
        var before = new PoolUsageHistory(store, _settings, _time);
        before.Record([new PoolUsageSample("tank", _time.GetUtcNow(), 100, 1000)]);
        before.Flush();
        _time.Advance(TimeSpan.FromDays(1));
        before.Record([new PoolUsageSample("tank", _time.GetUtcNow(), 200, 1000)]);
        before.Flush();

        var after = new PoolUsageHistory(store, _settings, _time);
        Assert.Equal([100L, 200L], after.For("tank").Select(s => s.UsedBytes));
        Assert.Equal(ForecastKind.Filling, after.Forecast("tank").Kind);
        Assert.Equal(ForecastKind.NotEnoughHistory, after.Forecast("data").Kind);

        _time.Advance(TimeSpan.FromDays(35));
        after.Record([new PoolUsageSample("tank", _time.GetUtcNow(), 300, 1000)]);
        after.Flush();

        Assert.Equal([300L], after.For("tank").Select(s => s.UsedBytes));
        Assert.Equal(2, store.Batches.Count); // the first day's batch pruned
    }
}
