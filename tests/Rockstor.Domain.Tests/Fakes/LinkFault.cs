namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// What goes wrong on one connection of the <see cref="InProcessTransport"/>: the destination cannot be
/// reached, the connection resets before the offer, the destination refuses, or the stream is cut,
/// stalls, or arrives garbled after some bytes. <see cref="None"/> when nothing does.
/// </summary>
public sealed record LinkFault
{
    public static LinkFault None { get; } = new();

    /// <summary>Why the connection could not be made (a <see cref="Rockstor.Domain.Appliances.PeerUnreachableException"/>).</summary>
    public string? Unreachable { get; init; }

    /// <summary>The connection resets before the offer (an <see cref="IOException"/> with this message).</summary>
    public string? ResetBeforeOffer { get; init; }

    /// <summary>The destination refuses the offer with this reason, before it reaches the receiver.</summary>
    public string? Refusal { get; init; }

    public bool RefusalTransient { get; init; }

    /// <summary>The link breaks after this many bytes of the stream.</summary>
    public long? CutAfter { get; init; }

    /// <summary>Nothing more comes after this many bytes, until the connection is closed or the read stopped.</summary>
    public long? StallAfter { get; init; }

    /// <summary>One byte arrives changed: the stream is not intact.</summary>
    public bool Garbled { get; init; }

    public static LinkFault Down(string why) => new() { Unreachable = why };

    public static LinkFault Reset(string message) => new() { ResetBeforeOffer = message };

    public static LinkFault Refused(string reason, bool transient = false) => new() { Refusal = reason, RefusalTransient = transient };

    public static LinkFault Cut(long after) => new() { CutAfter = after };

    public static LinkFault Stall(long after) => new() { StallAfter = after };

    public static LinkFault Garble() => new() { Garbled = true };
}
