namespace Rockstor.Domain.Storage;

/// <summary>Size and usage of a mounted btrfs filesystem, in bytes of usable (after raid) space.</summary>
public sealed record FilesystemUsage(long SizeBytes, long UsedBytes)
{
    /// <summary>Bytes in use on the devices, every copy counted: what a scrub reads.</summary>
    public long RawUsedBytes { get; init; }
}
