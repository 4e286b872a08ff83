namespace Rockstor.Domain.Replication.Sending;

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
