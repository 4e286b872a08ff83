using Rockstor.Domain.Common;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>The data of one send as the receiver reads it.</summary>
public abstract class ReceivedStream : ReadOnlyStream
{
    /// <summary>After the stream ended: whether the length and SHA-256 the sender announced match what arrived.</summary>
    public abstract bool Intact { get; }

    /// <summary>Bytes that crossed the link.</summary>
    public abstract long Received { get; }

    /// <summary>Bytes of the send stream itself (after decompression).</summary>
    public abstract long StreamReceived { get; }

    /// <summary>The stream's size as the sender estimated it (0 until it says).</summary>
    public abstract long ExpectedBytes { get; }

    /// <summary>Why the sender stopped the run part-way, when it said so (its admin cancelled it, its window closed); else null.</summary>
    public virtual string? StoppedBySender => null;
}
