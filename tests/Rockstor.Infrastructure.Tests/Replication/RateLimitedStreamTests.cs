using Microsoft.Extensions.Time.Testing;
using Rockstor.Infrastructure.Replication;

namespace Rockstor.Infrastructure.Tests.Replication;

public sealed class RateLimitedStreamTests
{
    [Fact]
    public async Task A_write_returns_only_when_its_bytes_are_due_at_the_rate()
    {
        var time = new FakeTimeProvider();
        using var sink = new MemoryStream();
        await using var limited = new RateLimitedStream(sink, bytesPerSecond: 1_000_000, time);

        var write = limited.WriteAsync(new byte[500_000]).AsTask();

        Assert.Equal(500_000, sink.Length); // passed on at once, then the wait
        Assert.False(write.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(write.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await write.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Writes_slower_than_the_rate_do_not_wait()
    {
        var time = new FakeTimeProvider();
        using var sink = new MemoryStream();
        await using var limited = new RateLimitedStream(sink, bytesPerSecond: 1_000_000, time);
        time.Advance(TimeSpan.FromSeconds(1));

        var write = limited.WriteAsync(new byte[100_000]).AsTask();

        Assert.True(write.IsCompletedSuccessfully);
    }
}
