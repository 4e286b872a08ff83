using System.Buffers;
using System.Security.Cryptography;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// What btrfs send writes: every write becomes one Data frame on the connection (or, with compression,
/// a DataZstd frame when that is smaller), counted and hashed on the way. The End frame gives the
/// length and SHA-256 of the stream itself, as btrfs wrote it. Nothing is held back beyond the one
/// write in flight. A resumed send skips the first bytes the receiver already holds: they are hashed,
/// not sent, and a Resume frame vouches for them (ADR-013).
/// </summary>
internal sealed class FramedWriteStream : Stream
{
    /// <summary>A piece is sent compressed only when that saves at least a tenth of it.</summary>
    private const double WorthIt = 0.9;

    /// <summary>In auto mode: after this many pieces in a row that did not compress, stop trying for a while.</summary>
    private const int GiveUpAfter = 8;

    private const int PauseFor = 128;

    /// <summary>While skipping, the receiver hears where the sender is this often, so it does not give up.</summary>
    private static readonly TimeSpan SkipNews = TimeSpan.FromSeconds(5);

    private readonly Stream _connection;
    private readonly IProgress<TransferCount> _progress;
    private readonly CompressionMode _mode;
    private readonly long _skip;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash? _suffix;
    private readonly ZstdSharp.Compressor? _compressor;
    private readonly System.Diagnostics.Stopwatch _sinceNews = System.Diagnostics.Stopwatch.StartNew();
    private int _incompressible;
    private int _paused;
    private long _announce = -1;

    public FramedWriteStream(Stream connection, IProgress<TransferCount> progress, CompressionMode mode = CompressionMode.Off, long skip = 0)
    {
        _connection = connection;
        _progress = progress;
        _mode = mode;
        _skip = skip;
        _suffix = skip > 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        _compressor = mode == CompressionMode.Off ? null : new ZstdSharp.Compressor(3);
    }

    /// <summary>Bytes put on the connection (frame payloads).</summary>
    public long Written { get; private set; }

    /// <summary>Bytes of the stream itself.</summary>
    public long StreamWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => StreamWritten; set => throw new NotSupportedException(); }

    /// <summary>Tells the receiver the stream's estimated size, with the next piece (only the first call counts).</summary>
    public void Announce(long expectedBytes) => Interlocked.CompareExchange(ref _announce, Math.Max(0, expectedBytes), -1);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Read(ref _announce) is >= 0 and var expected)
        {
            Interlocked.Exchange(ref _announce, long.MinValue); // told: never again
            await Frames.WriteJsonAsync(_connection, FrameType.Estimate, new EstimateBody(expected), cancellationToken).ConfigureAwait(false);
        }

        if (StreamWritten < _skip)
        {
            buffer = await SkipAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        for (var offset = 0; offset < buffer.Length; offset += Frames.MaxPayload / 2)
        {
            var chunk = buffer.Slice(offset, Math.Min(Frames.MaxPayload / 2, buffer.Length - offset));
            _hash.AppendData(chunk.Span);
            _suffix?.AppendData(chunk.Span);
            StreamWritten += chunk.Length;
            var compressed = Compress(chunk.Span);
            try
            {
                if (compressed is { } packed)
                {
                    await Frames.WriteAsync(_connection, FrameType.DataZstd, packed.Bytes.AsMemory(0, packed.Length), cancellationToken).ConfigureAwait(false);
                    Written += packed.Length;
                }
                else
                {
                    await Frames.WriteAsync(_connection, FrameType.Data, chunk, cancellationToken).ConfigureAwait(false);
                    Written += chunk.Length;
                }
            }
            finally
            {
                if (compressed is { } packed)
                {
                    ArrayPool<byte>.Shared.Return(packed.Bytes);
                }
            }

            _progress.Report(new TransferCount(Written, StreamWritten));
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Ends the stream with its length and SHA-256 (and, resumed, that of what this connection carried).</summary>
    public async Task EndAsync(CancellationToken ct)
    {
        if (StreamWritten < _skip)
        {
            // The stream is shorter than what the receiver holds: it is not the same stream. Say so.
            await Frames.WriteJsonAsync(_connection, FrameType.Resume, new ResumeBody(StreamWritten, Convert.ToHexString(_hash.GetCurrentHash())), ct).ConfigureAwait(false);
        }

        var suffix = _suffix is null ? null : Convert.ToHexString(_suffix.GetHashAndReset());
        await Frames.WriteJsonAsync(_connection, FrameType.End, new EndBody(StreamWritten, Convert.ToHexString(_hash.GetHashAndReset()), suffix), ct).ConfigureAwait(false);
    }

    /// <summary>Hashes (without sending) what falls before the resume point; returns the rest of the write.</summary>
    private async Task<ReadOnlyMemory<byte>> SkipAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        var skipped = (int)Math.Min(buffer.Length, _skip - StreamWritten);
        _hash.AppendData(buffer.Span[..skipped]);
        StreamWritten += skipped;
        if (StreamWritten == _skip)
        {
            await Frames.WriteJsonAsync(_connection, FrameType.Resume, new ResumeBody(_skip, Convert.ToHexString(_hash.GetCurrentHash())), ct).ConfigureAwait(false);
        }
        else if (_sinceNews.Elapsed >= SkipNews)
        {
            await Frames.WriteJsonAsync(_connection, FrameType.Resume, new ResumeBody(StreamWritten, null), ct).ConfigureAwait(false);
            _sinceNews.Restart();
        }

        _progress.Report(new TransferCount(Written, StreamWritten));
        return buffer[skipped..];
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _connection.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _suffix?.Dispose();
            _compressor?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The piece compressed (in a pooled buffer), or null when it is to go as it is.</summary>
    private (byte[] Bytes, int Length)? Compress(ReadOnlySpan<byte> chunk)
    {
        if (_compressor is null || chunk.Length == 0)
        {
            return null;
        }

        if (_paused > 0)
        {
            _paused--;
            return null;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(ZstdSharp.Compressor.GetCompressBound(chunk.Length));
        var length = _compressor.Wrap(chunk, bytes);
        if (length <= chunk.Length * WorthIt)
        {
            _incompressible = 0;
            return (bytes, length);
        }

        ArrayPool<byte>.Shared.Return(bytes);
        if (_mode == CompressionMode.Auto && ++_incompressible >= GiveUpAfter)
        {
            _incompressible = 0;
            _paused = PauseFor;
        }

        return null;
    }
}

/// <summary>
/// What btrfs receive reads: the payloads of Data frames (and of DataZstd frames, decompressed) until
/// the End frame, whose length and SHA-256 are checked against the stream that arrived. A read that
/// waits longer than the idle limit fails, so a silent peer cannot hold a receive forever.
/// </summary>
internal sealed class FramedReadStream : ReceivedStream
{
    private readonly Stream _connection;
    private readonly TimeSpan _idleLimit;
    private readonly SpoolPrefix? _resume;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ZstdSharp.Decompressor _decompressor = new();
    private int _remainingInFrame;
    private byte[]? _decoded;
    private int _decodedOffset;
    private int _decodedLength;
    private bool _ended;
    private bool _intact;
    private long _received;
    private long _streamReceived;
    private long _expected;
    private bool _awaitingResume;

    /// <summary>
    /// Reads a stream from the connection; when resuming, the stream's first <see cref="SpoolPrefix.Length"/>
    /// bytes are not sent again: a Resume frame must vouch that they equal the prefix held here.
    /// </summary>
    public FramedReadStream(Stream connection, TimeSpan idleLimit, SpoolPrefix? resume = null)
    {
        _connection = connection;
        _idleLimit = idleLimit;
        _resume = resume is { Length: > 0 } ? resume : null;
        _streamReceived = _resume?.Length ?? 0;
        _awaitingResume = _resume is not null;
    }

    public override bool Intact => _ended && _intact;

    /// <summary>Whether the sender's End frame has been read.</summary>
    public bool Ended => _ended;

    public override long Received => Interlocked.Read(ref _received);

    public override long StreamReceived => Interlocked.Read(ref _streamReceived);

    public override long ExpectedBytes => Interlocked.Read(ref _expected);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => StreamReceived; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_idleLimit);
        try
        {
            while (_remainingInFrame == 0 && _decodedOffset == _decodedLength)
            {
                if (_ended)
                {
                    return 0;
                }

                var (type, length) = await Frames.ReadHeaderAsync(_connection, idle.Token).ConfigureAwait(false);
                switch (type)
                {
                    case FrameType.End:
                        var end = await Frames.ReadJsonAsync<EndBody>(_connection, length, idle.Token).ConfigureAwait(false);
                        _ended = true;

                        // Resumed, this _connection carried only the rest: the Resume frame vouched for the prefix.
                        var carried = _resume is null ? end.Sha256 : end.SuffixSha256;
                        _intact = !_awaitingResume
                            && end.Length == StreamReceived
                            && string.Equals(carried, Convert.ToHexString(_hash.GetHashAndReset()), StringComparison.OrdinalIgnoreCase);
                        return 0;
                    case FrameType.Resume:
                        var resume = await Frames.ReadJsonAsync<ResumeBody>(_connection, length, idle.Token).ConfigureAwait(false);
                        CheckResume(resume);
                        break;
                    case FrameType.Data when !_awaitingResume:
                        _remainingInFrame = length;
                        break;
                    case FrameType.DataZstd when !_awaitingResume:
                        await DecodeAsync(length, idle.Token).ConfigureAwait(false);
                        break;
                    case FrameType.Data or FrameType.DataZstd:
                        throw new InvalidDataException("A resumed stream sent data before vouching for the part held here.");
                    case FrameType.Estimate:
                        var estimate = await Frames.ReadJsonAsync<EstimateBody>(_connection, length, idle.Token).ConfigureAwait(false);
                        Interlocked.Exchange(ref _expected, Math.Max(0, estimate.ExpectedBytes));
                        break;
                    default:
                        throw new InvalidDataException($"Expected data, got a {type} frame.");
                }
            }

            if (_decodedOffset < _decodedLength)
            {
                var served = Math.Min(buffer.Length, _decodedLength - _decodedOffset);
                _decoded.AsSpan(_decodedOffset, served).CopyTo(buffer.Span);
                _decodedOffset += served;
                return Served(buffer.Span[..served]);
            }

            // TLS hands out one record (16 KiB) per read: gather the whole request (up to the frame's end)
            // so btrfs receive gets big writes, as it does from a plain pipe.
            var wanted = Math.Min(buffer.Length, _remainingInFrame);
            var read = await _connection.ReadAtLeastAsync(buffer[..wanted], wanted, throwOnEndOfStream: false, idle.Token).ConfigureAwait(false);
            if (read < wanted)
            {
                throw new EndOfStreamException("The sender closed the _connection in the middle of the stream.");
            }

            _remainingInFrame -= read;
            Interlocked.Add(ref _received, read);
            return Served(buffer.Span[..read]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived from the sender for {_idleLimit.TotalSeconds:0} s.");
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
            _decompressor.Dispose();
            if (_decoded is not null)
            {
                ArrayPool<byte>.Shared.Return(_decoded);
                _decoded = null;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>A Resume frame with a hash must name the resume point and the prefix held here; without one it is news.</summary>
    private void CheckResume(ResumeBody resume)
    {
        if (resume.Sha256 is null)
        {
            return; // the sender is still regenerating the part held here
        }

        if (_resume is null || !_awaitingResume)
        {
            throw new InvalidDataException("A Resume frame came for a stream that is not resumed.");
        }

        if (resume.Offset != _resume.Length || !string.Equals(resume.Sha256, _resume.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new StreamMismatchException(
                $"The sender's stream does not begin with the {_resume.Length} bytes kept here (it has {resume.Offset} up to that point, or other bytes); the next try starts over.");
        }

        _awaitingResume = false;
    }

    private int Served(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        Interlocked.Add(ref _streamReceived, bytes.Length);
        return bytes.Length;
    }

    /// <summary>Reads a compressed piece and decodes it; a piece that claims more than a frame may hold is refused.</summary>
    private async Task DecodeAsync(int length, CancellationToken ct)
    {
        var packed = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await _connection.ReadExactlyAsync(packed.AsMemory(0, length), ct).ConfigureAwait(false);
            Interlocked.Add(ref _received, length);
            var size = ZstdSharp.Decompressor.GetDecompressedSize(packed.AsSpan(0, length));
            if (size > Frames.MaxPayload)
            {
                throw new InvalidDataException($"A compressed piece claims {size} bytes, more than a frame may carry.");
            }

            if (_decoded is null || _decoded.Length < (int)size)
            {
                if (_decoded is not null)
                {
                    ArrayPool<byte>.Shared.Return(_decoded);
                }

                _decoded = ArrayPool<byte>.Shared.Rent(Math.Max((int)size, 64 * 1024));
            }

            _decodedLength = _decompressor.Unwrap(packed.AsSpan(0, length), _decoded.AsSpan(0, (int)size));
            _decodedOffset = 0;
        }
        catch (ZstdSharp.ZstdException e)
        {
            throw new InvalidDataException($"A compressed piece could not be decoded: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }
}
