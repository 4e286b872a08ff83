using System.Security.Cryptography;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// A send stream as the receiver reads it off the in-process link. Resumed (<paramref name="held"/> given),
/// only the part after what the spool holds crosses the link, and the sender's first bytes must equal the
/// spool's (else a <see cref="StreamMismatchException"/>, as the real link throws). A
/// <see cref="LinkFault"/> cuts it (an <see cref="IOException"/>), stalls it (until the read is stopped or
/// <paramref name="connection"/> closes) or garbles a byte (then it is not <see cref="Intact"/>).
/// </summary>
public sealed class WireStream(byte[] sent, LinkFault fault, SpoolPrefix? held = null, long expectedBytes = 0, CancellationToken connection = default)
    : ReceivedStream
{
    private readonly long _skipped = held?.Length ?? 0;
    private bool _vouched = held is not { Length: > 0 };
    private long _at;
    private bool _ended;

    /// <summary>Whether the link broke (cut, or closed while the stream was still coming).</summary>
    public bool Broken { get; private set; }

    public override bool Intact => _ended && !fault.Garbled;

    public override long Received => _at;

    public override long StreamReceived => _skipped + _at;

    public override long ExpectedBytes => expectedBytes;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_vouched)
        {
            var prefix = sent.AsSpan(0, (int)Math.Min(_skipped, sent.Length));
            if (prefix.Length != _skipped || !string.Equals(Convert.ToHexString(SHA256.HashData(prefix)), held!.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new StreamMismatchException(
                    $"The sender's stream does not begin with the {_skipped} bytes kept here (it has {sent.Length} up to that point, or other bytes); the next try starts over.");
            }

            _vouched = true;
        }

        var carried = sent.Length - _skipped;
        if (fault.CutAfter is { } cut && cut <= carried && _at >= cut)
        {
            Broken = true;
            throw new IOException($"The link broke after {_at} bytes.");
        }

        if (fault.StallAfter is { } stall && stall <= carried && _at >= stall)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection);
            try
            {
                await Forever.UntilCancelledAsync(either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (connection.IsCancellationRequested)
            {
                Broken = true;
                throw new IOException("The sender closed the connection in the middle of the stream.");
            }
        }

        var limit = Math.Min(carried, Math.Min(fault.CutAfter ?? long.MaxValue, fault.StallAfter ?? long.MaxValue));
        var count = (int)Math.Min(buffer.Length, limit - _at);
        if (count == 0)
        {
            _ended = true;
            return 0;
        }

        var from = _skipped + _at;
        sent.AsSpan((int)from, count).CopyTo(buffer.Span);
        var garbled = sent.Length - 6; // the last byte of the content, before "\nend\n": still a readable stream
        if (fault.Garbled && garbled >= from && garbled < from + count)
        {
            buffer.Span[(int)(garbled - from)] ^= 1;
        }

        _at += count;
        return count;
    }
}
