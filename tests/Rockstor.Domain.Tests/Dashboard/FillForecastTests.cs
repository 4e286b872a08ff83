using Rockstor.Domain.Dashboard.Forecast;

namespace Rockstor.Domain.Tests.Dashboard;

public sealed class FillForecastTests
{
    private const long GiB = 1L << 30;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pool_growing_a_gib_a_day_with_ten_gib_left_is_full_in_ten_days()
    {
        var samples = Enumerable.Range(0, 8).Select(day => Sample(TimeSpan.FromDays(day), (50 + day) * GiB)).ToList();

        var forecast = FillForecast.Of(samples);

        Assert.Equal(ForecastKind.Filling, forecast.Kind);
        Assert.Equal(GiB, forecast.BytesPerDay, 1);
        var full = Start + TimeSpan.FromDays(10); // 57 GiB used of 60 on day 7
        Assert.InRange(forecast.FullAt!.Value, full.AddSeconds(-1), full.AddSeconds(1));
    }

    [Fact]
    public void Noise_around_a_steady_growth_still_gives_the_growth()
    {
        long[] noise = [3, -2, 1, -3, 2, 0, -1, 2, -2, 1];
        var samples = noise.Select((n, hour) => Sample(TimeSpan.FromHours(hour * 6), (10 * GiB) + (hour * 6 * (GiB / 24)) + (n * (GiB / 100)))).ToList();

        var forecast = FillForecast.Of(samples);

        Assert.Equal(ForecastKind.Filling, forecast.Kind);
        Assert.InRange(forecast.BytesPerDay, 0.9 * GiB, 1.1 * GiB);
    }

    [Fact]
    public void A_flat_pool_is_not_filling()
    {
        var forecast = FillForecast.Of([Sample(TimeSpan.Zero, 5 * GiB), Sample(TimeSpan.FromHours(6), 5 * GiB), Sample(TimeSpan.FromDays(2), 5 * GiB)]);

        Assert.Equal((ForecastKind.NotFilling, (DateTimeOffset?)null), (forecast.Kind, forecast.FullAt));
    }

    [Fact]
    public void A_shrinking_pool_is_not_filling()
    {
        var forecast = FillForecast.Of([Sample(TimeSpan.Zero, 9 * GiB), Sample(TimeSpan.FromDays(1), 7 * GiB), Sample(TimeSpan.FromDays(2), 6 * GiB)]);

        Assert.Equal(ForecastKind.NotFilling, forecast.Kind);
        Assert.True(forecast.BytesPerDay < 0);
    }

    [Fact]
    public void A_pool_that_would_take_centuries_to_fill_is_not_filling()
    {
        var forecast = FillForecast.Of([Sample(TimeSpan.Zero, 1 * GiB), Sample(TimeSpan.FromDays(10), (1 * GiB) + 1024)]);

        Assert.Equal(ForecastKind.NotFilling, forecast.Kind);
    }

    [Fact]
    public void One_sample_or_samples_spanning_less_than_a_day_are_not_enough_history()
    {
        Assert.Equal(ForecastKind.NotEnoughHistory, FillForecast.Of([]).Kind);
        Assert.Equal(ForecastKind.NotEnoughHistory, FillForecast.Of([Sample(TimeSpan.Zero, GiB)]).Kind);
        Assert.Equal(ForecastKind.NotEnoughHistory, FillForecast.Of([Sample(TimeSpan.Zero, GiB), Sample(TimeSpan.FromHours(23), 2 * GiB)]).Kind); // a first hour's copy says nothing of the weeks to come
        Assert.Equal(ForecastKind.Filling, FillForecast.Of([Sample(TimeSpan.Zero, GiB), Sample(TimeSpan.FromDays(1), 2 * GiB)]).Kind);
    }

    private static PoolUsageSample Sample(TimeSpan after, long used) => new("tank", Start + after, used, 60 * GiB);
}
