using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// What btrfs send writes, as frames on the connection: each piece becomes one Data frame (or, when
/// <see cref="CompressionChoice"/> says so and it is smaller, a DataZstd frame), counted and checksummed
/// on the way; the End frame gives the length and checksum of the stream itself, as btrfs wrote it.
/// As an <see cref="ICommandOutputReader"/> it reads btrfs send's pipe itself, up to a 1 MiB piece per
/// read, into a buffer that leaves room for the frame's header, so the payload is never copied between
/// the pipe and TLS (ADR-010). Nothing is held back beyond the piece in flight. A resumed send skips the
/// first bytes the receiver already holds: they are checksummed, not sent, and a Resume frame vouches for
/// them (ADR-013).
/// </summary>
internal sealed class FramedWriteStream : WriteOnlyStream, ICommandOutputReader
{
    /// <summary>The most one Data frame carries: one read of the widened pipe, behind its header in a transfer buffer.</summary>
    public const int Piece = TransferBuffers.Size - Frames.HeaderLength;

    /// <summary>A piece is sent compressed only when that saves at least a tenth of it.</summary>
    private const double WorthIt = 0.9;

    /// <summary>While skipping, the receiver hears where the sender is this often, so it does not give up.</summary>
    private static readonly TimeSpan SkipNews = TimeSpan.FromSeconds(5);

    private readonly Stream _connection;
    private readonly IProgress<TransferCount> _progress;
    private readonly TimeProvider _time;
    private readonly long _skip;
    private readonly StreamChecksum _checksum = new();
    private readonly StreamChecksum? _suffix;
    private readonly ZstdSharp.Compressor? _compressor;
    private readonly CompressionChoice _choice;
    private readonly System.Diagnostics.Stopwatch _sinceNews = System.Diagnostics.Stopwatch.StartNew();
    private byte[]? _staged;
    private long _announce = -1;
    private string? _stopping;

    public FramedWriteStream(Stream connection, IProgress<TransferCount> progress, CompressionMode mode = CompressionMode.Off, long skip = 0, TimeProvider? time = null)
    {
        _connection = connection;
        _progress = progress;
        _time = time ?? TimeProvider.System;
        _skip = skip;
        _suffix = skip > 0 ? new StreamChecksum() : null;
        _compressor = mode == CompressionMode.Off ? null : new ZstdSharp.Compressor(3);
        _choice = new CompressionChoice(mode);
    }

    /// <summary>Bytes put on the connection (frame payloads).</summary>
    public long Written { get; private set; }

    /// <summary>Bytes of the stream itself.</summary>
    public long StreamWritten { get; private set; }

    /// <summary>What compression cost: seconds in the compressor and the bytes it was given.</summary>
    public (double Seconds, long Input) Compressor => (_choice.CompressorSeconds, _choice.CompressorInput);

    /// <summary>Tells the receiver the stream's estimated size, with the next piece (only the first call counts).</summary>
    public void Announce(long expectedBytes) => Interlocked.CompareExchange(ref _announce, Math.Max(0, expectedBytes), -1);

    /// <summary>
    /// Stops the stream on purpose: instead of the next piece (or the End frame) a Cancel frame goes out
    /// with <paramref name="reason"/>, whole, and the writer then fails with <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Stop(string reason) => Interlocked.CompareExchange(ref _stopping, reason, null);

    /// <summary>Reads btrfs send's output straight into frames until it ends.</summary>
    public async Task ReadFromAsync(Stream output, CancellationToken ct)
    {
        PipeCapacity.Widen(output);
        var buffer = TransferBuffers.Rent();
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer.AsMemory(Frames.HeaderLength, Piece), ct).ConfigureAwait(false)) > 0)
            {
                await SendAsync(buffer, Frames.HeaderLength, read, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            TransferBuffers.Return(buffer);
        }
    }

    /// <summary>For a writer that pushes (a rate-limited send): each piece is copied behind room for its header.</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _staged ??= TransferBuffers.Rent();
        for (var offset = 0; offset < buffer.Length; offset += Piece)
        {
            var piece = buffer.Slice(offset, Math.Min(Piece, buffer.Length - offset));
            piece.CopyTo(_staged.AsMemory(Frames.HeaderLength));
            await SendAsync(_staged, Frames.HeaderLength, piece.Length, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the stream with its length and checksum (and, resumed, that of what this connection carried).</summary>
    public async Task EndAsync(CancellationToken ct)
    {
        await StopIfAskedAsync(ct).ConfigureAwait(false);
        if (StreamWritten < _skip)
        {
            // The stream is shorter than what the receiver holds: it is not the same stream. Say so.
            await Frames.WriteJsonAsync(_connection, FrameType.Resume, new ResumeBody(StreamWritten, _checksum.Current), ct).ConfigureAwait(false);
        }

        await Frames.WriteJsonAsync(_connection, FrameType.End, new EndBody(StreamWritten, _checksum.Finish(), _suffix?.Finish()), ct).ConfigureAwait(false);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _connection.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _compressor?.Dispose();
            if (_staged is not null)
            {
                TransferBuffers.Return(_staged);
                _staged = null;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Sends the piece at <paramref name="start"/> (<paramref name="length"/> bytes) of <paramref name="buffer"/>,
    /// whose <see cref="Frames.HeaderLength"/> bytes before it are free for the frame's header.
    /// </summary>
    private async Task SendAsync(byte[] buffer, int start, int length, CancellationToken ct)
    {
        await StopIfAskedAsync(ct).ConfigureAwait(false);
        if (Interlocked.Read(ref _announce) is >= 0 and var expected)
        {
            Interlocked.Exchange(ref _announce, long.MinValue); // told: never again
            await Frames.WriteJsonAsync(_connection, FrameType.Estimate, new EstimateBody(expected), ct).ConfigureAwait(false);
        }

        if (StreamWritten < _skip)
        {
            // What was skipped is checksummed and no longer needed: the header goes over its last bytes.
            var skipped = await SkipAsync(buffer.AsMemory(start, length), ct).ConfigureAwait(false);
            start += skipped;
            length -= skipped;
            if (length == 0)
            {
                return;
            }
        }

        var piece = buffer.AsSpan(start, length);
        _checksum.Append(piece);
        _suffix?.Append(piece);
        StreamWritten += length;
        var packed = Compress(piece);
        try
        {
            var (type, frame) = packed is { } p
                ? (FrameType.DataZstd, p.Bytes.AsMemory(0, Frames.HeaderLength + p.Length))
                : (FrameType.Data, buffer.AsMemory(start - Frames.HeaderLength, Frames.HeaderLength + length));
            var started = _time.GetTimestamp();
            await Frames.WriteFramedAsync(_connection, type, frame, ct).ConfigureAwait(false);
            await _connection.FlushAsync(ct).ConfigureAwait(false); // the frame leaves now, not with the next
            var payload = frame.Length - Frames.HeaderLength;
            _choice.Sent(payload, _time.GetElapsedTime(started), packed is not null);
            Written += payload;
        }
        finally
        {
            if (packed is { } p)
            {
                TransferBuffers.Return(p.Bytes);
            }
        }

        _progress.Report(new TransferCount(Written, StreamWritten));
    }

    /// <summary>Between frames: once <see cref="Stop"/> was called, tells the receiver why and ends the stream here.</summary>
    private async Task StopIfAskedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _stopping) is not { } reason)
        {
            return;
        }

        await Frames.WriteJsonAsync(_connection, FrameType.Cancel, new CancelBody(reason), ct).ConfigureAwait(false);
        throw new OperationCanceledException($"The stream was stopped: {reason}");
    }

    /// <summary>Checksums (without sending) what falls before the resume point; returns how much of the piece that was.</summary>
    private async Task<int> SkipAsync(ReadOnlyMemory<byte> piece, CancellationToken ct)
    {
        var skipped = (int)Math.Min(piece.Length, _skip - StreamWritten);
        _checksum.Append(piece.Span[..skipped]);
        StreamWritten += skipped;
        if (StreamWritten == _skip)
        {
            await Frames.WriteJsonAsync(_connection, FrameType.Resume, new ResumeBody(_skip, _checksum.Current), ct).ConfigureAwait(false);
        }
        else if (_sinceNews.Elapsed >= SkipNews)
        {
            await Frames.WriteJsonAsync(_connection, FrameType.Resume, new ResumeBody(StreamWritten, null), ct).ConfigureAwait(false);
            _sinceNews.Restart();
        }

        _progress.Report(new TransferCount(Written, StreamWritten));
        return skipped;
    }

    /// <summary>The piece compressed behind room for a header (in a transfer buffer), or null when it is to go as it is.</summary>
    private (byte[] Bytes, int Length)? Compress(ReadOnlySpan<byte> piece)
    {
        if (_compressor is null || !_choice.Try(piece.Length))
        {
            return null;
        }

        // Room for what is worth sending only: zstd gives up as soon as the piece will not shrink enough.
        var bytes = TransferBuffers.Rent();
        var started = _time.GetTimestamp();
        var fits = _compressor.TryWrap(piece, bytes.AsSpan(Frames.HeaderLength, (int)(piece.Length * WorthIt)), out var length);
        _choice.Compressed(piece.Length, fits ? length : piece.Length, _time.GetElapsedTime(started));
        if (fits)
        {
            return (bytes, length);
        }

        TransferBuffers.Return(bytes);
        return null;
    }
}
