namespace Rockstor.Domain.Storage;

/// <summary>A btrfs subvolume as btrfs reports it. <see cref="RelativePath"/> is from the filesystem's top level.</summary>
public sealed record Subvolume(
    long Id,
    string RelativePath,
    string Uuid,
    string? ParentUuid,
    string? ReceivedUuid,
    bool ReadOnly,
    DateTimeOffset? CreatedAt);

/// <summary>Size and usage of a mounted btrfs filesystem, in bytes of usable (after raid) space.</summary>
public sealed record FilesystemUsage(long SizeBytes, long UsedBytes);

/// <summary>A whole disk that the machine has, and whether a pool may be made on it.</summary>
public sealed record BlockDevice(string Path, long SizeBytes, string? Model, string? Serial, string? Unusable)
{
    public bool Usable => Unusable is null;
}
