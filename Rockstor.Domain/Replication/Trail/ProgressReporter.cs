using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Domain.Replication.Trail;

/// <summary>
/// Keeps a sending attempt's counts as the transfer reports them and tells listeners at most once every
/// <paramref name="every"/>; <paramref name="moved"/> hears every report (a stall watchdog's measure).
/// </summary>
internal sealed class ProgressReporter(TrailSide side, Attempt attempt, IReplicationEvents events, TimeProvider time, TimeSpan every, Action<TransferCount>? moved = null)
    : IProgress<TransferCount>
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public void Report(TransferCount value)
    {
        attempt.Bytes = value.LinkBytes;
        attempt.StreamBytes = value.StreamBytes;
        moved?.Invoke(value);
        var now = time.GetUtcNow();
        if (now - _last < every)
        {
            return;
        }

        _last = now;
        events.Progress(AttemptProgress.Of(side, attempt, value.LinkBytes, value.StreamBytes, attempt.ExpectedBytes, now));
    }
}
