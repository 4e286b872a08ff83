using System.Security.Cryptography;
using Rockstor.Domain.Replication;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// What btrfs send writes: every write becomes one Data frame on the connection, counted and hashed on
/// the way. Nothing is held back beyond the one write in flight.
/// </summary>
internal sealed class FramedWriteStream(Stream connection, IProgress<long> progress) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < buffer.Length; offset += Frames.MaxPayload)
        {
            var chunk = buffer.Slice(offset, Math.Min(Frames.MaxPayload, buffer.Length - offset));
            await Frames.WriteAsync(connection, FrameType.Data, chunk, cancellationToken).ConfigureAwait(false);
            _hash.AppendData(chunk.Span);
            Written += chunk.Length;
            progress.Report(Written);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Ends the stream with its length and SHA-256.</summary>
    public Task EndAsync(CancellationToken ct) =>
        Frames.WriteJsonAsync(connection, FrameType.End, new EndBody(Written, Convert.ToHexString(_hash.GetHashAndReset())), ct);

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => connection.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// What btrfs receive reads: the payloads of Data frames until the End frame, whose length and SHA-256
/// are checked against what arrived. A read that waits longer than the idle limit fails, so a silent
/// peer cannot hold a receive forever.
/// </summary>
internal sealed class FramedReadStream(Stream connection, TimeSpan idleLimit) : ReceivedStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _remainingInFrame;
    private bool _ended;
    private bool _intact;
    private long _received;

    public override bool Intact => _ended && _intact;

    /// <summary>Whether the sender's End frame has been read.</summary>
    public bool Ended => _ended;

    public override long Received => Interlocked.Read(ref _received);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Received; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleLimit);
        try
        {
            while (_remainingInFrame == 0)
            {
                if (_ended)
                {
                    return 0;
                }

                var (type, length) = await Frames.ReadHeaderAsync(connection, idle.Token).ConfigureAwait(false);
                if (type == FrameType.End)
                {
                    var end = await Frames.ReadJsonAsync<EndBody>(connection, length, idle.Token).ConfigureAwait(false);
                    _ended = true;
                    _intact = end.Length == Received && string.Equals(end.Sha256, Convert.ToHexString(_hash.GetHashAndReset()), StringComparison.OrdinalIgnoreCase);
                    return 0;
                }

                if (type != FrameType.Data)
                {
                    throw new InvalidDataException($"Expected data, got a {type} frame.");
                }

                _remainingInFrame = length;
            }

            // TLS hands out one record (16 KiB) per read: gather the whole request (up to the frame's end)
            // so btrfs receive gets big writes, as it does from a plain pipe.
            var wanted = Math.Min(buffer.Length, _remainingInFrame);
            var read = await connection.ReadAtLeastAsync(buffer[..wanted], wanted, throwOnEndOfStream: false, idle.Token).ConfigureAwait(false);
            if (read < wanted)
            {
                throw new EndOfStreamException("The sender closed the connection in the middle of the stream.");
            }

            _remainingInFrame -= read;
            _hash.AppendData(buffer.Span[..read]);
            Interlocked.Add(ref _received, read);
            return read;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived from the sender for {idleLimit.TotalSeconds:0} s.");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

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
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
