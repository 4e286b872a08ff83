namespace Rockstor.Bench.DelayLine;

/// <summary>
/// Completes waits at a timestamp, never early and less than a millisecond late. .NET's timers go by
/// the kernel's coarse clock (a tick of 4 ms here): a 1 ms delay each way measured 11 ms a round trip
/// with Task.Delay. One thread sleeping until the nearest due time keeps to the timestamp.
/// </summary>
public sealed class DueTimer
{
    private readonly PriorityQueue<TaskCompletionSource, long> _due = new();
    private readonly object _gate = new();
    private readonly TimeProvider _time;

    public DueTimer(TimeProvider time)
    {
        _time = time;
        new Thread(Run) { IsBackground = true, Name = "due timer" }.Start();
    }

    /// <summary>Completes at <paramref name="timestamp"/> (of the time provider's clock).</summary>
    public Task UntilAsync(long timestamp, CancellationToken ct)
    {
        if (timestamp <= _time.GetTimestamp())
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _due.Enqueue(done, timestamp);
            if (_due.Peek() == done)
            {
                Monitor.Pulse(_gate); // earlier than what the thread sleeps for
            }
        }

        // A cancelled wait stays queued until its time and is then completed in vain: cheaper than finding it.
        return done.Task.WaitAsync(ct);
    }

    private void Run()
    {
        lock (_gate)
        {
            while (true)
            {
                if (!_due.TryPeek(out var next, out var due))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var now = _time.GetTimestamp();
                if (due <= now)
                {
                    _due.Dequeue();
                    next.TrySetResult(); // its continuation runs on the thread pool
                    continue;
                }

                Monitor.Wait(_gate, (int)Math.Ceiling(_time.GetElapsedTime(now, due).TotalMilliseconds));
            }
        }
    }
}
