using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

/// <summary>
/// A pool as listed: its record, where it is mounted, how full it is, and its devices as btrfs sees them
/// (none while it is not mounted).
/// </summary>
public sealed record PoolView(Pool Pool, string MountPoint, bool Mounted, long SizeBytes, long UsedBytes)
{
    public IReadOnlyList<PoolDevice> Devices { get; init; } = [];

    /// <summary>The raid profiles of its chunks as btrfs reports them (null while it is not mounted or they cannot be read).</summary>
    public ChunkProfiles? Profiles { get; init; }

    /// <summary>A device is missing: the pool runs without the redundancy it was made with.</summary>
    public bool Degraded => Devices.Any(d => d.Missing);

    /// <summary>The errors btrfs counted on all its devices.</summary>
    public long DeviceErrors => Devices.Sum(d => d.Errors.Total);
}
