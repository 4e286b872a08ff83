using System.IO.Pipelines;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// Bounded buffers between the stages of a transfer, so that btrfs, TLS and hashing work at the same
/// time on both cores instead of taking turns through a 64 KiB pipe. Memory stays bounded: a stage that
/// runs ahead waits once <see cref="Ahead"/> bytes are buffered.
/// </summary>
internal static class StageBuffer
{
    /// <summary>How far one stage may run ahead of the next.</summary>
    public const int Ahead = 8 << 20;

    public static Pipe Create() => new(new PipeOptions(
        pauseWriterThreshold: Ahead,
        resumeWriterThreshold: Ahead / 2,
        minimumSegmentSize: 64 * 1024,
        useSynchronizationContext: false));

    /// <summary>
    /// Runs <paramref name="produce"/> (btrfs send) into a buffer while the buffer is copied to
    /// <paramref name="destination"/>; whichever side fails stops the other.
    /// </summary>
    public static async Task PumpAsync(Func<Stream, CancellationToken, Task> produce, Stream destination, CancellationToken ct)
    {
        var pipe = Create();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producing = Task.Run(
            async () =>
            {
                try
                {
                    await using var input = pipe.Writer.AsStream(leaveOpen: true);
                    await produce(input, stop.Token).ConfigureAwait(false);
                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                    throw;
                }
            },
            CancellationToken.None);
        try
        {
            await pipe.Reader.CopyToAsync(destination, stop.Token).ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.Reader.CompleteAsync(e).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producing.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The consumer's failure is the one reported; the producer only had to stop.
            catch
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await producing.ConfigureAwait(false);
    }
}

/// <summary>
/// A received stream read ahead into a bounded buffer by a task of its own, so the network and TLS keep
/// going while btrfs receive writes. When the connection fails, what was read ahead is still handed out
/// before the failure (a spool keeps it). Dispose stops the reading.
/// </summary>
internal sealed class ReadAheadStream : ReceivedStream
{
    private readonly FramedReadStream _inner;
    private readonly Pipe _pipe = StageBuffer.Create();
    private readonly Stream _output;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

    public ReadAheadStream(FramedReadStream inner)
    {
        _inner = inner;
        _output = _pipe.Reader.AsStream(leaveOpen: true);
        _reading = Task.Run(ReadAsync, CancellationToken.None);
    }

    public override bool Intact => _inner.Intact;

    public override long Received => _inner.Received;

    public override long StreamReceived => _inner.StreamReceived;

    public override long ExpectedBytes => _inner.ExpectedBytes;

    /// <summary>Whether the sender's End frame has been read.</summary>
    public bool Ended => _inner.Ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Received; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Failed(await _output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Failed(_output.Read(buffer, offset, count));

    /// <summary>Stops reading ahead and waits until the reader has let go of the connection.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Its failure already reached the reader of this stream.
        catch
#pragma warning restore CA1031
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _pipe.Reader.Complete();
            _output.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var input = _pipe.Writer.AsStream(leaveOpen: true);
            await _inner.CopyToAsync(input, 128 * 1024, _stop.Token).ConfigureAwait(false);
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Handed to the reader once it has read what came before the failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A pipe completed with an error throws at once, dropping what it buffered: complete it
            // cleanly instead, and throw when the reader reaches the end.
            _failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>At the end of what was read ahead: the connection's failure, if it failed.</summary>
    private int Failed(int read)
    {
        if (read == 0)
        {
            _failure?.Throw();
        }

        return read;
    }
}
