using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication.Sending;

/// <summary>
/// Keeps a sending attempt's counts as the transfer reports them and tells listeners at most four times
/// a second; <paramref name="moved"/> hears every report (a stall watchdog's measure).
/// </summary>
internal sealed class ProgressReporter(TrailSide side, Attempt attempt, IReplicationEvents events, TimeProvider time, Action<TransferCount>? moved = null)
    : IProgress<TransferCount>
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public void Report(TransferCount value)
    {
        attempt.Bytes = value.LinkBytes;
        attempt.StreamBytes = value.StreamBytes;
        moved?.Invoke(value);
        var now = time.GetUtcNow();
        if (now - _last < Every)
        {
            return;
        }

        _last = now;
        events.Progress(AttemptProgress.Of(side, attempt, value.LinkBytes, value.StreamBytes, attempt.ExpectedBytes, now));
    }
}
