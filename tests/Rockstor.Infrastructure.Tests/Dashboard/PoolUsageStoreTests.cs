using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Infrastructure.Dashboard;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Dashboard;

/// <summary>The pools' usage history in a real LiteDB file.</summary>
public sealed class PoolUsageStoreTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DashboardSettings _settings = new();
    private RockstorDatabase _db;

    public PoolUsageStoreTests() => _db = new RockstorDatabase(_sandbox.DataDirectory);

    public void Dispose()
    {
        _db.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public void Batches_written_to_the_file_are_read_back_after_a_restart_and_give_the_forecast()
    {
        var history = new PoolUsageHistory(new PoolUsageStore(_db), _settings, _time);
        for (var sample = 0; sample < 12; sample++)
        {
            history.Record([new PoolUsageSample("tank", _time.GetUtcNow(), (1L << 30) + (sample * (64L << 20)), 8L << 30)]);
            _time.Advance(TimeSpan.FromHours(3));
            if (sample % 6 == 5)
            {
                history.Flush();
            }
        }

        _db.Dispose();
        _db = new RockstorDatabase(_sandbox.DataDirectory);
        var reopened = new PoolUsageHistory(new PoolUsageStore(_db), _settings, _time);

        Assert.Equal(12, reopened.For("tank").Count);
        Assert.Equal(2, _db.Database.GetCollection(PoolUsageStore.Collection).Count());
        var forecast = reopened.Forecast("tank");
        Assert.Equal(ForecastKind.Filling, forecast.Kind);
        Assert.Equal(8 * 64.0 * (1 << 20), forecast.BytesPerDay, 1); // 64 MiB every three hours, over a day and a half
    }

    [Fact]
    public void Batches_older_than_the_history_kept_are_deleted_with_the_next_flush()
    {
        var store = new PoolUsageStore(_db);
        store.Append([new PoolUsageSample("tank", _time.GetUtcNow(), 1, 10)], _time.GetUtcNow() - TimeSpan.FromDays(35));
        _time.Advance(TimeSpan.FromDays(36));

        store.Append([new PoolUsageSample("tank", _time.GetUtcNow(), 2, 10)], _time.GetUtcNow() - TimeSpan.FromDays(35));

        Assert.Equal([2L], store.Load(DateTimeOffset.MinValue).Select(s => s.UsedBytes));
        Assert.Equal(1, _db.Database.GetCollection(PoolUsageStore.Collection).Count());
    }

    [Fact]
    public async Task A_flush_of_an_hour_of_samples_of_three_pools_writes_less_than_half_the_hourly_idle_budget()
    {
        var store = new PoolUsageStore(_db);
        store.Append([new PoolUsageSample("warm", _time.GetUtcNow(), 1, 10)], DateTimeOffset.MinValue); // the collection exists, as after the first hour
        var batch = Enumerable.Range(0, 6).SelectMany(i => new[] { "tank", "data", "backup" }.Select(p => new PoolUsageSample(p, _time.GetUtcNow().AddMinutes(10 * i), 1L << 30, 8L << 30))).ToList();

        var before = await SettledWrittenBytesAsync();
        store.Append(batch, _time.GetUtcNow() - TimeSpan.FromDays(35));
        var written = await SettledWrittenBytesAsync() - before;

        Assert.InRange(written, 1, 32 * 1024); // the idle budget is 64 KiB an hour (bench/idle-io.sh); LiteDB writes 3 pages of 8 KiB
    }

    /// <summary>What this process has written once LiteDB's writer thread is done (unchanged for half a second).</summary>
    private static async Task<long> SettledWrittenBytesAsync()
    {
        var last = WrittenByThisProcess();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(500);
            var now = WrittenByThisProcess();
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    /// <summary>Bytes this process has handed to write calls (wchar of /proc/self/io).</summary>
    private static long WrittenByThisProcess() =>
        long.Parse(File.ReadLines("/proc/self/io").First(l => l.StartsWith("wchar:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
