namespace Rockstor.Domain.Storage;

/// <summary>btrfs's error counters of one device (<c>btrfs device stats</c>): they only grow until reset.</summary>
public sealed record DeviceErrors(long Write, long Read, long Flush, long Corruption, long Generation)
{
    public static readonly DeviceErrors None = new(0, 0, 0, 0, 0);

    public long Total => Write + Read + Flush + Corruption + Generation;
}
