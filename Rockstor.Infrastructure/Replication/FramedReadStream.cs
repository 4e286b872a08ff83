using Rockstor.Infrastructure.Storage;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// What btrfs receive reads: the payloads of Data frames (and of DataZstd frames, decompressed) until
/// the End frame, whose length and checksum are checked against the stream that arrived. A read that
/// waits longer than the idle limit fails, so a silent peer cannot hold a receive forever.
/// </summary>
internal sealed class FramedReadStream : ReceivedStream
{
    private readonly Stream _connection;
    private readonly TimeSpan _idleLimit;
    private readonly SpoolPrefix? _resume;
    private readonly StreamChecksum _checksum = new();
    private readonly byte[] _header = new byte[Frames.HeaderLength];
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
    private string? _stoppedBySender;

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

    public override string? StoppedBySender => Volatile.Read(ref _stoppedBySender);

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

                var (type, length) = await Frames.ReadHeaderAsync(_connection, _header, idle.Token).ConfigureAwait(false);
                switch (type)
                {
                    case FrameType.End:
                        var end = await Frames.ReadJsonAsync<EndBody>(_connection, length, idle.Token).ConfigureAwait(false);
                        _ended = true;

                        // Resumed, this _connection carried only the rest: the Resume frame vouched for the prefix.
                        var carried = _resume is null ? end.Checksum : end.SuffixChecksum;
                        _intact = !_awaitingResume
                            && end.Length == StreamReceived
                            && StreamChecksum.Same(carried, _checksum.Finish());
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
                    case FrameType.Cancel:
                        var cancel = await Frames.ReadJsonAsync<CancelBody>(_connection, length, idle.Token).ConfigureAwait(false);
                        var reason = Domain.Common.Echo.Of(cancel.Reason, Domain.Common.Echo.MaxSentenceLength);
                        Volatile.Write(ref _stoppedBySender, reason);
                        throw new Domain.Replication.RunCancelledException($"The sender stopped the run: {reason}");
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
                throw new EndOfStreamException("The sender closed the connection in the middle of the stream.");
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decompressor.Dispose();
            if (_decoded is not null)
            {
                TransferBuffers.Return(_decoded);
                _decoded = null;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>A Resume frame with a hash must name the resume point and the prefix held here; without one it is news.</summary>
    private void CheckResume(ResumeBody resume)
    {
        if (resume.Checksum is null)
        {
            return; // the sender is still regenerating the part held here
        }

        if (_resume is null || !_awaitingResume)
        {
            throw new InvalidDataException("A Resume frame came for a stream that is not resumed.");
        }

        if (resume.Offset != _resume.Length || !StreamChecksum.Same(resume.Checksum, _resume.Checksum))
        {
            throw new StreamMismatchException(
                $"The sender's stream does not begin with the {_resume.Length} bytes kept here (it has {resume.Offset} up to that point, or other bytes); the next try starts over.");
        }

        _awaitingResume = false;
    }

    private int Served(ReadOnlySpan<byte> bytes)
    {
        _checksum.Append(bytes);
        Interlocked.Add(ref _streamReceived, bytes.Length);
        return bytes.Length;
    }

    /// <summary>
    /// Reads a compressed piece and decodes it; a piece that claims more than a transfer buffer holds is
    /// refused (a sender of this protocol never makes one).
    /// </summary>
    private async Task DecodeAsync(int length, CancellationToken ct)
    {
        if (length > TransferBuffers.Size)
        {
            throw new InvalidDataException($"A compressed piece of {length} bytes is larger than a piece may be.");
        }

        var packed = TransferBuffers.Rent();
        try
        {
            await _connection.ReadExactlyAsync(packed.AsMemory(0, length), ct).ConfigureAwait(false);
            Interlocked.Add(ref _received, length);
            var size = ZstdSharp.Decompressor.GetDecompressedSize(packed.AsSpan(0, length));
            if (size > TransferBuffers.Size)
            {
                throw new InvalidDataException($"A compressed piece claims {size} bytes, more than a piece may be.");
            }

            _decoded ??= TransferBuffers.Rent();
            _decodedLength = _decompressor.Unwrap(packed.AsSpan(0, length), _decoded.AsSpan(0, (int)size));
            _decodedOffset = 0;
        }
        catch (ZstdSharp.ZstdException e)
        {
            throw new InvalidDataException($"A compressed piece could not be decoded: {e.Message}", e);
        }
        finally
        {
            TransferBuffers.Return(packed);
        }
    }
}
