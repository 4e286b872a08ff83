namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// A write-only stream that passes its writes on no faster than a rate (bytes per second): after each
/// write it waits until the bytes so far are due. A burst is at most one write.
/// </summary>
internal sealed class RateLimitedStream(Stream inner, double bytesPerSecond, TimeProvider time) : WriteOnlyStream
{
    private readonly long _started = time.GetTimestamp();
    private long _written;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _written += buffer.Length;
        var due = TimeSpan.FromSeconds(_written / bytesPerSecond);
        var ahead = due - time.GetElapsedTime(_started);
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
