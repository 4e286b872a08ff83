namespace Rockstor.Domain.Replication;

/// <summary>
/// How a run copes with trouble: after a transient failure it waits (exponential backoff, bounded) and
/// tries again; a try whose byte count has not moved for <see cref="StallLimit"/> is ended as stalled
/// (and tried again, as a stall is usually the network).
/// </summary>
public sealed record RetryPolicy(int MaxRetries, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan StallLimit)
{
    /// <summary>Up to 6 more tries after 1, 2, 4, 8, 16 and 32 s (a peer restarting has two minutes); stalled after 2 minutes.</summary>
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));

    /// <summary>The wait before try number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan Delay(int retry)
    {
        var delay = FirstDelay * Math.Pow(2, Math.Max(0, retry - 1));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}

/// <summary>Ends a try (through its cancellation) when the watched byte count has not moved for the limit.</summary>
internal sealed class StallWatchdog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _limit;
    private readonly Func<long> _progress;
    private readonly CancellationTokenSource _stop;
    private readonly ITimer _timer;
    private long _last = -1;
    private DateTimeOffset _moved;

    public StallWatchdog(TimeProvider time, TimeSpan limit, Func<long> progress, CancellationTokenSource stop)
    {
        _time = time;
        _limit = limit;
        _progress = progress;
        _stop = stop;
        _moved = time.GetUtcNow();
        var every = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 4, 100, 5000));
        _timer = time.CreateTimer(_ => Check(), null, every, every);
    }

    public bool Fired { get; private set; }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var now = _time.GetUtcNow();
        var bytes = _progress();
        if (bytes != _last)
        {
            _last = bytes;
            _moved = now;
        }
        else if (now - _moved >= _limit && !Fired)
        {
            Fired = true;
            _stop.Cancel();
        }
    }
}
