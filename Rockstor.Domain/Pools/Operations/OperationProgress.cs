namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// How far an operation has come, as btrfs reports it. Bytes are those of the operation's own measure
/// (scrubbed, or moved off the disk); a balance counts chunks instead, and its bytes are null.
/// </summary>
public sealed record OperationProgress
{
    public static readonly OperationProgress None = new();

    public double Percent { get; init; }

    public long? BytesDone { get; init; }

    public long? BytesTotal { get; init; }

    public long? BytesPerSecond { get; init; }

    /// <summary>At the pace so far; null until there is a pace to go by.</summary>
    public long? SecondsLeft { get; init; }

    /// <summary>Errors the operation found (for a scrub, bad checksums and read errors; for a replace, write and read errors).</summary>
    public long ErrorsFound { get; init; }

    /// <summary>Of those, the ones repaired from a good copy.</summary>
    public long ErrorsCorrected { get; init; }

    /// <summary>Errors found that could not be repaired: data lost in the files they belong to.</summary>
    public long ErrorsUncorrectable { get; init; }

    /// <summary>Fills in the pace and the time left from how long the operation has run.</summary>
    public OperationProgress Paced(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        if (seconds < 1 || Percent <= 0)
        {
            return this;
        }

        long? rate = BytesDone is { } done ? (long)(done / seconds) : null;
        var left = Percent >= 100 ? 0 : (long)(seconds * (100 - Percent) / Percent);
        return this with { BytesPerSecond = rate, SecondsLeft = left };
    }
}
