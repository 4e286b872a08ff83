using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Dashboard;

public sealed class DashboardFeedTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DashboardSettings _settings = new() { LiveInterval = TimeSpan.FromSeconds(3) };

    [Fact]
    public void Nothing_is_sampled_while_nobody_watches()
    {
        var source = new CountingDashboardSource(_time);
        using var feed = new DashboardFeed(source, _settings, _time);

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal((0, false, 0), (source.Reads, feed.Sampling, feed.Watchers));
    }

    [Fact]
    public void The_first_watcher_starts_the_sampling_every_interval_and_each_watcher_gets_each_snapshot()
    {
        var source = new CountingDashboardSource(_time);
        using var feed = new DashboardFeed(source, _settings, _time);
        var first = new List<DashboardSnapshot>();
        var second = new List<DashboardSnapshot>();

        using var one = feed.Watch(first.Add);
        Assert.Equal(1, source.Reads); // at once
        using var two = feed.Watch(second.Add);
        _time.Advance(TimeSpan.FromSeconds(3));
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(3, source.Reads); // one timer, not one per watcher
        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Equal(_time.GetUtcNow(), feed.Latest!.At);
        Assert.True(first[2].At > first[1].At);
    }

    [Fact]
    public void The_timer_goes_when_the_last_watcher_leaves_and_comes_back_with_the_next()
    {
        var source = new CountingDashboardSource(_time);
        using var feed = new DashboardFeed(source, _settings, _time);
        var one = feed.Watch(_ => { });
        var two = feed.Watch(_ => { });
        _time.Advance(TimeSpan.FromSeconds(3));

        one.Dispose();
        one.Dispose(); // twice is once
        Assert.Equal((1, true), (feed.Watchers, feed.Sampling));
        two.Dispose();
        var reads = source.Reads;
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal((0, false), (feed.Watchers, feed.Sampling));
        Assert.Equal(reads, source.Reads); // no timer left behind

        using var three = feed.Watch(_ => { });
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(reads + 2, source.Reads);
    }

    [Fact]
    public async Task One_who_asks_once_gets_the_feed_s_newest_while_it_runs_and_a_fresh_reading_otherwise()
    {
        var source = new CountingDashboardSource(_time);
        using var feed = new DashboardFeed(source, _settings, _time);

        await feed.CurrentAsync(CancellationToken.None);
        Assert.Equal((1, false), (source.Reads, feed.Sampling)); // asking once starts no timer

        using var watching = feed.Watch(_ => { });
        var current = await feed.CurrentAsync(CancellationToken.None);

        Assert.Equal(2, source.Reads);
        Assert.Same(feed.Latest, current);
    }

    [Fact]
    public void A_watcher_that_fails_is_told_of_and_the_others_still_get_each_snapshot()
    {
        var source = new CountingDashboardSource(_time);
        using var feed = new DashboardFeed(source, _settings, _time);
        var failures = new List<Exception>();
        feed.Failed += failures.Add;
        var kept = new List<DashboardSnapshot>();

        using var broken = feed.Watch(_ => throw new InvalidOperationException("the circuit is gone"));
        using var healthy = feed.Watch(kept.Add);
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Single(kept);
        Assert.Equal(["the circuit is gone", "the circuit is gone"], failures.Select(f => f.Message));
        Assert.True(feed.Sampling);
    }

    [Fact]
    public void A_disposed_feed_takes_no_new_watcher()
    {
        var source = new CountingDashboardSource(_time);
        var feed = new DashboardFeed(source, _settings, _time);
        feed.Dispose();

        Assert.Throws<ObjectDisposedException>(() => feed.Watch(_ => { }));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, source.Reads);
    }
}
