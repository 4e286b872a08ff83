using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace Rockstor.Infrastructure.Replication;

/// <summary>The frame types of the replication protocol (docs/replication-protocol.md).</summary>
internal enum FrameType : byte
{
    Hello = 1,
    Welcome = 2,
    Refuse = 3,
    Offer = 4,
    Accept = 5,
    Data = 6,
    End = 7,
    Verdict = 8,

    /// <summary>A piece of the stream compressed with zstd (one zstd frame, decoded on its own).</summary>
    DataZstd = 9,

    /// <summary>The stream's estimated size, between data frames, at most once: for percent and time left.</summary>
    Estimate = 10,

    /// <summary>
    /// A resumed send: where the sender's regenerated stream reached and, once it reaches the resume point,
    /// the checksum of everything before it (checked against the spool's).
    /// </summary>
    Resume = 11,

    /// <summary>From the receiver, while it applies a spooled stream: how much btrfs receive has read.</summary>
    Applying = 12,

    /// <summary>From the sender, between data frames: its admin cancelled the run, and why (ADR-033).</summary>
    Cancel = 13,
}

/// <summary>A refusal; <c>Retry</c> when the sender may ask again soon.</summary>
internal sealed record RefuseBody(string Reason, bool Retry = false);

/// <summary>
/// The stream's length and checksum (<see cref="StreamChecksum"/>); for a resumed send also the checksum of
/// what this connection carried.
/// </summary>
internal sealed record EndBody(long Length, string Checksum, string? SuffixChecksum = null);

/// <summary>The receiver's acceptance: how many bytes of the stream it already holds (0 unless resuming).</summary>
internal sealed record AcceptBody(long ResumeFrom = 0);

/// <summary>Where a resumed stream is; the <c>Checksum</c> of the prefix once the resume point is reached, else null.</summary>
internal sealed record ResumeBody(long Offset, string? Checksum);

internal sealed record ApplyingBody(long Bytes);

internal sealed record EstimateBody(long ExpectedBytes);

/// <summary>Why the sender stopped the run (its admin cancelled it).</summary>
internal sealed record CancelBody(string Reason);

/// <summary>A frame is a type byte, a 4-byte big-endian payload length, and the payload.</summary>
internal static class Frames
{
    public const int HeaderLength = 5;

    /// <summary>
    /// The version of this protocol, in the Hello and Welcome frames' <c>protocol</c> field (absent: 1).
    /// 2: streams are vouched for by XXH128, not SHA-256 (ADR-022). 3: the Hello proposes a retention
    /// policy (`retention`) for the destination instead of a number to keep (ADR-025). 4: a sender may stop
    /// a stream with a Cancel frame, and a verdict may say the receiver's admin cancelled it (ADR-033).
    /// </summary>
    public const int Protocol = 4;

    /// <summary>Largest payload accepted (a data chunk or a JSON body).</summary>
    public const int MaxPayload = 4 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task WriteJsonAsync<T>(Stream stream, FrameType type, T body, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        await WriteAsync(stream, type, payload, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A Hello or Welcome body with this protocol's version beside the body's own fields.</summary>
    public static System.Text.Json.Nodes.JsonObject Versioned<T>(T body)
    {
        var node = JsonSerializer.SerializeToNode(body, Json)?.AsObject() ?? [];
        node["protocol"] = Protocol;
        return node;
    }

    /// <summary>The protocol version a Hello or Welcome body names (1 when it names none: before versions).</summary>
    public static int ProtocolOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("protocol", out var version) && version.TryGetInt32(out var number) ? number : 1;

    /// <summary>
    /// Writes a frame whose payload already sits in <paramref name="frame"/> behind <see cref="HeaderLength"/>
    /// bytes left free for its header: the header is written there and the frame goes out in one write
    /// (one TLS record run), with no copy of the payload.
    /// </summary>
    public static ValueTask WriteFramedAsync(Stream stream, FrameType type, Memory<byte> frame, CancellationToken ct)
    {
        frame.Span[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(frame.Span.Slice(1, 4), frame.Length - HeaderLength);
        return stream.WriteAsync(frame, ct);
    }

    /// <summary>Writes header and payload in one call, so TLS makes one record of them, not two.</summary>
    public static async Task WriteAsync(Stream stream, FrameType type, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(HeaderLength + payload.Length);
        try
        {
            buffer[0] = (byte)type;
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(1, 4), payload.Length);
            payload.CopyTo(buffer.AsMemory(HeaderLength));
            await stream.WriteAsync(buffer.AsMemory(0, HeaderLength + payload.Length), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Task<(FrameType Type, int Length)> ReadHeaderAsync(Stream stream, CancellationToken ct) =>
        ReadHeaderAsync(stream, new byte[HeaderLength], ct);

    /// <summary>Reads a frame's header into <paramref name="header"/> (<see cref="HeaderLength"/> bytes, reused by the caller).</summary>
    public static async Task<(FrameType Type, int Length)> ReadHeaderAsync(Stream stream, byte[] header, CancellationToken ct)
    {
        await stream.ReadExactlyAsync(header.AsMemory(0, HeaderLength), ct).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        if (length is < 0 or > MaxPayload || !Enum.IsDefined((FrameType)header[0]))
        {
            throw new InvalidDataException($"A replication frame is malformed (type {header[0]}, length {length}).");
        }

        return ((FrameType)header[0], length);
    }

    public static async Task<T> ReadJsonAsync<T>(Stream stream, int length, CancellationToken ct)
    {
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize<T>(payload, Json) ?? throw new InvalidDataException("A replication frame has an empty body.");
    }

    /// <summary>Reads the next frame, which must be one of the expected types; returns its type and JSON body.</summary>
    public static async Task<(FrameType Type, JsonElement Body)> ExpectAsync(Stream stream, CancellationToken ct, params FrameType[] expected)
    {
        var (type, length) = await ReadHeaderAsync(stream, ct).ConfigureAwait(false);
        if (!expected.Contains(type))
        {
            throw new InvalidDataException($"Expected a {string.Join(" or ", expected)} frame, got {type}.");
        }

        return (type, await ReadJsonAsync<JsonElement>(stream, length, ct).ConfigureAwait(false));
    }

    public static T As<T>(this JsonElement body) =>
        body.Deserialize<T>(Json) ?? throw new InvalidDataException($"A replication frame's body is not a {typeof(T).Name}.");
}
