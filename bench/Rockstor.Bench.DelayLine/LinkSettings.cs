namespace Rockstor.Bench.DelayLine;

/// <summary>
/// What one direction of one connection is made to look like: data held <see cref="Delay"/> after it
/// arrives, sent on at no more than <see cref="BytesPerSecond"/> (0: no cap), with at most
/// <see cref="QueueBytes"/> held at a time.
/// </summary>
public sealed record LinkSettings(TimeSpan Delay, double BytesPerSecond, long QueueBytes)
{
    /// <summary>The most read from a socket at once.</summary>
    public const int ReadBytes = 256 * 1024;

    /// <summary>With a rate cap, the most taken from the sender at once: the token bucket is this deep.</summary>
    public const int PaceBytes = 64 * 1024;

    public override string ToString() =>
        $"{Delay.TotalMilliseconds:0.###} ms each way, "
        + (BytesPerSecond > 0 ? $"{BytesPerSecond / 1e6:0.###} MB/s in each direction of each connection" : "no rate cap")
        + $", up to {QueueBytes / (1024 * 1024)} MiB held per direction";
}
