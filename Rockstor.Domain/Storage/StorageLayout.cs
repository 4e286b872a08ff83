namespace Rockstor.Domain.Storage;

/// <summary>Where pools, shares, snapshots and image files live on the machine.</summary>
public sealed class StorageLayout(string mountRoot, string dataDirectory)
{
    public const string SnapshotsFolder = ".snapshots";

    /// <summary>Where a pool keeps the partial streams of resumable receives (plain files, not subvolumes).</summary>
    public const string SpoolFolder = ".spool";

    /// <summary>Where a pool receives snapshots sent back by a replica (failback) before they become shares.</summary>
    public const string FailbackFolder = ".failback";

    /// <summary>Where a pool keeps what Samba reads beside the shares: previous-version links, replica entry points.</summary>
    public const string SambaFolder = ".samba";

    public string MountRoot { get; } = Path.GetFullPath(mountRoot);

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public string ImagesDirectory => Path.Combine(DataDirectory, "pools");

    public string PoolMountPoint(string pool) => Path.Combine(MountRoot, pool);

    public string ImageFile(string pool) => Path.Combine(ImagesDirectory, pool + ".img");

    /// <summary>
    /// The image file of a pool's device <paramref name="index"/> (0 is the first, named as a one-file
    /// pool's). The others have a '+', which no pool name holds, so no pool's file can be another's.
    /// </summary>
    public string ImageFile(string pool, int index) => index == 0 ? ImageFile(pool) : Path.Combine(ImagesDirectory, $"{pool}+{index + 1}.img");

    public string SharePath(string pool, string share) => Path.Combine(PoolMountPoint(pool), share);

    public string ShareSnapshotsDirectory(string pool, string share) =>
        Path.Combine(PoolMountPoint(pool), SnapshotsFolder, share);

    public string FailbackDirectory(string pool, string senderId) =>
        Path.Combine(PoolMountPoint(pool), FailbackFolder, senderId);

    public string SpoolDirectory(string pool, string share) =>
        Path.Combine(PoolMountPoint(pool), SpoolFolder, share);

    public string SambaDirectory(string pool) => Path.Combine(PoolMountPoint(pool), SambaFolder);

    public string SnapshotPath(string pool, string share, string snapshot) =>
        Path.Combine(ShareSnapshotsDirectory(pool, share), snapshot);

    /// <summary>The share a subvolume path (relative to the pool's top) belongs to as a snapshot, if it is one.</summary>
    public static (string Share, string Snapshot)? ParseSnapshotPath(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Length == 3 && parts[0] == SnapshotsFolder ? (parts[1], parts[2]) : null;
    }
}
