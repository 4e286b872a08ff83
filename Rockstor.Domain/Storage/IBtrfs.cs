namespace Rockstor.Domain.Storage;

/// <summary>
/// btrfs in the domain's language. Paths are absolute; implementations never build a command line from
/// a string and report a failure as a <see cref="Common.StorageCommandException"/> carrying btrfs's stderr.
/// </summary>
public interface IBtrfs
{
    /// <summary>Makes a new filesystem over the devices and returns its uuid.</summary>
    Task<string> MakeFilesystemAsync(string label, RaidLevel level, IReadOnlyList<string> devices, CancellationToken ct);

    Task EnableQuotaAsync(string mountPoint, CancellationToken ct);

    Task<FilesystemUsage> GetUsageAsync(string mountPoint, CancellationToken ct);

    /// <summary>Adds empty devices to the filesystem mounted at the path (btrfs device add); what is written from now on may use them.</summary>
    Task AddDevicesAsync(string mountPoint, IReadOnlyList<string> devices, CancellationToken ct);

    /// <summary>Whether the filesystem with this uuid is mounted anywhere on the machine (through any of its devices).</summary>
    Task<bool> IsMountedAnywhereAsync(string uuid, CancellationToken ct);

    /// <summary>The filesystem with this uuid, mounted or not: its label, its number of devices and those found.</summary>
    Task<FilesystemSummary> ShowFilesystemAsync(string uuid, CancellationToken ct);

    /// <summary>The raid profiles of the filesystem's data and metadata chunks as they are now.</summary>
    Task<ChunkProfiles> GetProfilesAsync(string mountPoint, CancellationToken ct);

    /// <summary>The devices of the filesystem mounted at the path, missing ones included, with their error counters.</summary>
    Task<IReadOnlyList<PoolDevice>> ListDevicesAsync(string mountPoint, CancellationToken ct);

    /// <summary>Sets the error counters of every device of the filesystem back to zero (after the admin dealt with them).</summary>
    Task ResetDeviceErrorsAsync(string mountPoint, CancellationToken ct);

    /// <summary>The filesystem uuid of whatever btrfs is mounted at the path, or null when none is.</summary>
    Task<string?> GetMountedFilesystemUuidAsync(string mountPoint, CancellationToken ct);

    Task<Subvolume> CreateSubvolumeAsync(string path, CancellationToken ct);

    Task<Subvolume> CreateSnapshotAsync(string source, string destination, bool readOnly, CancellationToken ct);

    Task DeleteSubvolumeAsync(string path, CancellationToken ct);

    /// <summary>Makes a subvolume read-only or writable (never for a received one: writable, it would lose its received uuid).</summary>
    Task SetReadOnlyAsync(string path, bool readOnly, CancellationToken ct);

    Task<Subvolume> ShowSubvolumeAsync(string path, CancellationToken ct);

    /// <summary>
    /// A read-only snapshot of <paramref name="source"/> at <paramref name="destination"/> that btrfs receive
    /// takes for a copy received from it: its received uuid is the source's uuid, its send transaction the
    /// source's. An incremental sent from such a copy elsewhere (a replica of the source) then finds it
    /// as its parent, inside the folder a confined receive may reach (ADR-033).
    /// </summary>
    Task<Subvolume> CreateReceivedCopyAsync(string source, string destination, CancellationToken ct);

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

    /// <summary>Bytes referenced and exclusive to each subvolume (by subvolume id), from the quota groups; empty when quotas are off.</summary>
    Task<IReadOnlyDictionary<long, QgroupSize>> GetQgroupSizesAsync(string mountPoint, CancellationToken ct);

    /// <summary>Sets the most the subvolume may hold (its quota group's referenced limit); null removes the limit.</summary>
    Task SetSizeLimitAsync(string path, long? bytes, CancellationToken ct);

    /// <summary>Sets how what is written to the subvolume from now on is compressed.</summary>
    Task SetCompressionAsync(string path, Shares.ShareCompression compression, CancellationToken ct);
}
