using System.IO.Pipelines;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Infrastructure.Replication;

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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Failed(await _output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

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
