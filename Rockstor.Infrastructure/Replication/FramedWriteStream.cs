using System.Buffers;
using System.Security.Cryptography;
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
internal sealed class FramedWriteStream : WriteOnlyStream
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

    public override Task FlushAsync(CancellationToken cancellationToken) => _connection.FlushAsync(cancellationToken);

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
