namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The connection's socket under TLS, read in big gulps and written in big batches. TLS writes each
/// 16 KiB record on its own and reads a few KiB at a time: without this a GiB costs some 60,000 sends on
/// one side and 200,000 receives on the other, each waking the other side's threads (ADR-022). Reads take
/// whatever the socket holds, up to 64 KiB. Writes are gathered until a flush or 64 KiB, once
/// <see cref="Batching"/> is on (after the handshake, whose messages must go as they come); every frame
/// writer flushes after its frame, so nothing waits in here. One reader and one writer may use it at once:
/// their buffers are apart. The buffers are its own, made when first needed, and small enough to stay
/// off the large-object heap (not pooled: a read may still be under way when the connection is disposed).
/// </summary>
internal sealed class BatchedNetworkStream(Stream inner) : Stream
{
    private const int Size = 64 * 1024;

    private byte[]? _in;
    private int _inStart;
    private int _inEnd;
    private byte[]? _out;
    private int _outLength;

    /// <summary>Whether writes are gathered until a flush (off: each goes to the socket at once).</summary>
    public bool Batching { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_inStart == _inEnd)
        {
            if (buffer.Length >= Size)
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            _in ??= GC.AllocateUninitializedArray<byte>(Size);
            _inStart = 0;
            _inEnd = await inner.ReadAsync(_in.AsMemory(0, Size), cancellationToken).ConfigureAwait(false);
        }

        return Served(buffer.Span);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_inStart == _inEnd)
        {
            if (buffer.Length >= Size)
            {
                return inner.Read(buffer);
            }

            _in ??= GC.AllocateUninitializedArray<byte>(Size);
            _inStart = 0;
            _inEnd = inner.Read(_in.AsSpan(0, Size));
        }

        return Served(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Batching)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_outLength + buffer.Length > Size)
        {
            await WriteOutAsync(cancellationToken).ConfigureAwait(false);
        }

        if (buffer.Length >= Size)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        _out ??= GC.AllocateUninitializedArray<byte>(Size);
        buffer.CopyTo(_out.AsMemory(_outLength));
        _outLength += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!Batching)
        {
            inner.Write(buffer);
            return;
        }

        if (_outLength + buffer.Length > Size)
        {
            WriteOut();
        }

        if (buffer.Length >= Size)
        {
            inner.Write(buffer);
            return;
        }

        _out ??= GC.AllocateUninitializedArray<byte>(Size);
        buffer.CopyTo(_out.AsSpan(_outLength));
        _outLength += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await WriteOutAsync(cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
        WriteOut();
        inner.Flush();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Served(Span<byte> buffer)
    {
        var served = Math.Min(buffer.Length, _inEnd - _inStart);
        _in.AsSpan(_inStart, served).CopyTo(buffer);
        _inStart += served;
        return served;
    }

    private async Task WriteOutAsync(CancellationToken ct)
    {
        if (_outLength > 0)
        {
            var length = _outLength;
            _outLength = 0;
            await inner.WriteAsync(_out.AsMemory(0, length), ct).ConfigureAwait(false);
        }
    }

    private void WriteOut()
    {
        if (_outLength > 0)
        {
            var length = _outLength;
            _outLength = 0;
            inner.Write(_out.AsSpan(0, length));
        }
    }
}
