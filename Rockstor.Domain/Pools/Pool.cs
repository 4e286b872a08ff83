using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;
/// <summary>A btrfs filesystem on whole disks or on an image file, mounted under the mount root.</summary>
public sealed record Pool
{
    public required string Name { get; init; }

    public required RaidLevel RaidLevel { get; init; }

    /// <summary>The block devices as given at creation; for an image pool, the loop device it had then.</summary>
    public required IReadOnlyList<string> Devices { get; init; }

    /// <summary>The backing files of an image pool, one per device; none for a pool on disks.</summary>
    public IReadOnlyList<string> ImageFiles { get; init; } = [];

    /// <summary>The btrfs filesystem uuid, which identifies the pool whatever its devices are called now.</summary>
    public required string Uuid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Compression and the admin's mount options (none by default).</summary>
    public PoolMountOptions MountOptions { get; init; } = PoolMountOptions.Default;

    /// <summary>When a scrub starts by itself: a cron expression in UTC; null for never.</summary>
    public string? ScrubSchedule { get; init; }

    /// <summary>The error counters of each device (by devid) when last looked at, to notice when they grow.</summary>
    public IReadOnlyDictionary<int, long> SeenDeviceErrors { get; init; } = new Dictionary<int, long>();

    /// <summary>
    /// On a disk that is plugged in to be written and pulled out again (a USB disk for backups): mounted only
    /// while a task writes to it, never at start-up, and absent without that being a fault (ADR-034).
    /// </summary>
    public bool Removable { get; init; }

    public bool IsImagePool => ImageFiles.Count > 0;
}
