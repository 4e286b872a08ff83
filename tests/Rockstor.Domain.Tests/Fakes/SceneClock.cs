using Microsoft.Extensions.Time.Testing;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a one-shot timer is made. What waits on a
/// <c>Task.Delay(…, time, …)</c> goes on from the thread pool after the clock reaches it, so a test that
/// moves the clock again must first know the next delay has begun: <see cref="OneShotMadeAsync"/> says so
/// without waiting on real time.
/// </summary>
public sealed class SceneClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(start);
    private readonly Lock _lock = new();
    private readonly Dictionary<TimeSpan, int> _made = [];
    private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Made)> _waiting = [];

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan)
        {
            lock (_lock)
            {
                _made[dueTime] = _made.GetValueOrDefault(dueTime) + 1;
                foreach (var waiter in _waiting.Where(w => w.Due == dueTime && w.Count <= _made[dueTime]).ToList())
                {
                    _waiting.Remove(waiter);
                    waiter.Made.TrySetResult();
                }
            }
        }

        return timer;
    }

    /// <summary>Moves the clock on, firing the timers due on the way in order.</summary>
    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Completes once <paramref name="count"/> one-shot timers of <paramref name="due"/> (a retry's wait, say) have been made in all.</summary>
    public Task OneShotMadeAsync(TimeSpan due, int count = 1)
    {
        lock (_lock)
        {
            if (_made.GetValueOrDefault(due) >= count)
            {
                return Task.CompletedTask;
            }

            var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((due, count, made));
            return made.Task;
        }
    }
}
