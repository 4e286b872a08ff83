namespace Rockstor.Domain.Storage;

/// <summary>A whole disk that the machine has, and whether a pool may be made on it.</summary>
public sealed record BlockDevice(string Path, long SizeBytes, string? Model, string? Serial, string? Unusable)
{
    public bool Usable => Unusable is null;

    /// <summary>The filesystem on the disk itself (not on a partition), as probed from the disk; null when none was found.</summary>
    public string? FilesystemType { get; init; }

    /// <summary>That filesystem's uuid (a btrfs pool's, for one).</summary>
    public string? FilesystemUuid { get; init; }

    /// <summary>It holds the machine's root, boot or swap.</summary>
    public bool IsSystem { get; init; }

    /// <summary>It, or something on it, is mounted.</summary>
    public bool Mounted { get; init; }

    /// <summary>It has partitions (or another device is built on it).</summary>
    public bool HasPartitions { get; init; }

    /// <summary>The disk could be probed; false when blkid could not read it (what it holds is then unknown).</summary>
    public bool Probed { get; init; } = true;

    /// <summary>A loop device (an image file attached with losetup), offered as a disk for trials and tests.</summary>
    public bool IsLoop { get; init; }
}
