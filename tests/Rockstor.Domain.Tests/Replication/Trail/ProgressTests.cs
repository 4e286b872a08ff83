using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Replication.Trail;

public sealed class ProgressTests
{
    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(50, 0, null)]
    [InlineData(0, 200, 0.0)]
    [InlineData(50, 200, 25.0)]
    [InlineData(1, 3, 33.3)]
    [InlineData(200, 200, 99.9)]
    [InlineData(260, 200, 99.9)]
    public void Percent_is_of_the_expected_stream_and_stays_below_100_while_running(long done, long expected, double? percent) =>
        Assert.Equal(percent, ReplicationRules.Percent(done, expected));

    [Theory]
    [InlineData(25, 100, 10, 30L)]
    [InlineData(99, 100, 99, 1L)]
    [InlineData(0, 100, 10, null)]
    [InlineData(25, 0, 10, null)]
    [InlineData(100, 100, 10, null)]
    [InlineData(25, 100, 0, null)]
    public void Time_left_is_what_remains_at_the_rate_so_far(long done, long expected, int seconds, long? eta) =>
        Assert.Equal(eta, ReplicationRules.EtaSeconds(done, expected, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_trail_read_while_running_shows_the_latest_progress_and_a_finished_attempt_its_own_counts()
    {
        var bus = new ReplicationEventBus();
        var started = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var stored = new Attempt { Id = 7, OwnerId = 3, StartedAt = started, Status = AttemptStatus.Running };
        var heard = new List<AttemptProgress>();
        bus.Progressed += heard.Add;

        bus.Progress(AttemptProgress.Of(TrailSide.Send, stored, bytes: 30, streamBytes: 40, expectedBytes: 160, started.AddSeconds(4)));
        var live = bus.Live(TrailSide.Send, stored);

        Assert.Equal((30L, 40L, 160L, 25.0, 12L), (live.Bytes, live.StreamBytes, live.ExpectedBytes, live.Percent, live.EtaSeconds));
        Assert.Equal(7L, live.BytesPerSecond);
        Assert.Equal(0, stored.Bytes); // the stored row is left as it is
        Assert.Same(stored, bus.Live(TrailSide.Receive, stored)); // the other side's trail has no such progress
        Assert.Single(heard);

        stored.Status = AttemptStatus.Succeeded;
        stored.Bytes = 90;
        bus.AttemptChanged(TrailSide.Send, stored);

        Assert.Equal(90, bus.Live(TrailSide.Send, stored).Bytes);
        stored.Status = AttemptStatus.Running; // a row that says running but has no live news is shown as stored
        Assert.Equal(90, bus.Live(TrailSide.Send, stored).Bytes);
        Assert.Equal(100, new Attempt { OwnerId = 1, StartedAt = started, Status = AttemptStatus.Succeeded }.Percent);
        Assert.Null(new Attempt { OwnerId = 1, StartedAt = started, Status = AttemptStatus.Failed, ExpectedBytes = 10 }.Percent);
    }
}
