namespace Rockstor.Domain.Storage;

/// <summary>
/// btrfs in the domain's language. Paths are absolute; implementations never build a command line from
/// a string and report a failure as a <see cref="Common.StorageCommandException"/> carrying btrfs's stderr.
/// </summary>
public interface IBtrfs
{
    /// <summary>Makes a new filesystem over the devices and returns its uuid.</summary>
    Task<string> MakeFilesystemAsync(string label, Pools.RaidLevel level, IReadOnlyList<string> devices, CancellationToken ct);

    Task EnableQuotaAsync(string mountPoint, CancellationToken ct);

    Task<FilesystemUsage> GetUsageAsync(string mountPoint, CancellationToken ct);

    /// <summary>The filesystem uuid of whatever btrfs is mounted at the path, or null when none is.</summary>
    Task<string?> GetMountedFilesystemUuidAsync(string mountPoint, CancellationToken ct);

    Task<Subvolume> CreateSubvolumeAsync(string path, CancellationToken ct);

    Task<Subvolume> CreateSnapshotAsync(string source, string destination, bool readOnly, CancellationToken ct);

    Task DeleteSubvolumeAsync(string path, CancellationToken ct);

    Task<Subvolume> ShowSubvolumeAsync(string path, CancellationToken ct);

    /// <summary>The paths (from the top of the filesystem mounted at the path) of every subvolume whose received uuid is the one given.</summary>
    Task<IReadOnlyList<string>> ReceivedAsAsync(string mountPoint, string receivedUuid, CancellationToken ct);

    /// <summary>Every subvolume of the filesystem mounted at the path, with read-only flags and creation times.</summary>
    Task<IReadOnlyList<Subvolume>> ListSubvolumesAsync(string mountPoint, CancellationToken ct);

    /// <summary>Writes the send stream of a read-only snapshot (relative to <paramref name="parent"/> when given) into <paramref name="output"/>.</summary>
    Task SendAsync(string snapshot, string? parent, Stream output, CancellationToken ct);

    /// <summary>
    /// About how many bytes <see cref="SendAsync"/> would write, from a metadata-only send (`--no-data`):
    /// its own length plus the sizes of the extents it names.
    /// </summary>
    Task<long> EstimateSendAsync(string snapshot, string? parent, CancellationToken ct);

    /// <summary>
    /// Rebuilds, in <paramref name="directory"/>, the one subvolume <paramref name="expected"/> names from a send
    /// stream read from <paramref name="input"/>, confined to that folder: btrfs sees nothing outside it, the
    /// folder's other entries cannot be renamed or removed meanwhile, and a command the offer does not allow
    /// stops the receive with <see cref="UnsafeSendStreamException"/> before btrfs acts on it. What the stream
    /// left in the folder is the caller's to check and delete.
    /// </summary>
    Task ReceiveAsync(string directory, Stream input, ExpectedSubvolume expected, CancellationToken ct);

    /// <summary>Makes a receive folder that a receive cut by a crash left append-only an ordinary folder again.</summary>
    Task ReleaseReceiveFolderAsync(string directory, CancellationToken ct);

    /// <summary>Bytes referenced by each subvolume (by subvolume id), from the quota groups; empty when quotas are off.</summary>
    Task<IReadOnlyDictionary<long, long>> GetReferencedBytesAsync(string mountPoint, CancellationToken ct);
}

/// <summary>The machine's disks, loop devices and mounts.</summary>
public interface IBlockDevices
{
    /// <summary>Every whole disk, each marked usable or with the reason it is not.</summary>
    Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken ct);

    /// <summary>Removes filesystem signatures so the disk is offered again after its pool is deleted.</summary>
    Task WipeAsync(string device, CancellationToken ct);

    /// <summary>Makes a sparse image file of the given size; fails when the file exists.</summary>
    Task CreateImageFileAsync(string path, long sizeBytes, CancellationToken ct);

    /// <summary>Attaches the image file to a loop device (or returns the one it is attached to).</summary>
    Task<string> AttachLoopAsync(string imageFile, CancellationToken ct);

    /// <summary>Detaches every loop device backed by the image file.</summary>
    Task DetachLoopAsync(string imageFile, CancellationToken ct);

    /// <summary>Mounts a pool so that device nodes and set-user-id programs in it do nothing (nodev, nosuid).</summary>
    Task MountAsync(IReadOnlyList<string> devices, string mountPoint, CancellationToken ct);

    /// <summary>Makes a pool mounted before (by an older version, or by hand) nodev and nosuid.</summary>
    Task RestrictMountAsync(string mountPoint, CancellationToken ct);

    Task UnmountAsync(string mountPoint, CancellationToken ct);

    /// <summary>Makes btrfs learn every device of a multi-device filesystem before a mount.</summary>
    Task ScanAsync(CancellationToken ct);
}

/// <summary>Plain file-system steps that storage changes need around btrfs.</summary>
public interface IStorageFiles
{
    bool Exists(string path);

    void CreateDirectory(string path);

    /// <summary>Renames a subvolume (or any directory) within one filesystem.</summary>
    void Move(string from, string to);

    /// <summary>Removes a directory if it is empty; does nothing otherwise.</summary>
    void RemoveEmptyDirectory(string path);

    void DeleteFile(string path);

    /// <summary>The paths of the entries of a folder (empty when it does not exist).</summary>
    IReadOnlyList<string> Entries(string path);

    /// <summary>Removes a folder and everything in it that is not a subvolume.</summary>
    void RemoveTree(string path);

    /// <summary>Removes one entry whatever it is (a file, a link, a folder with what it holds) except a subvolume.</summary>
    void RemoveEntry(string path);
}
