using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// The machine's disks and mounts in memory: image files become plain files, loop devices are names, and a
/// mount mounts (in the <see cref="FakeBtrfs"/>) the filesystem made on the devices.
/// </summary>
public sealed class FakeBlockDevices(FakeBtrfs btrfs, FakeStorageFiles files) : IBlockDevices
{
    private readonly Dictionary<string, string> _loops = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mounted = new(StringComparer.Ordinal);

    /// <summary>The disks the machine offers (none unless a test adds some).</summary>
    public List<BlockDevice> Disks { get; } = [];

    /// <summary>The mount points with a pool mounted.</summary>
    public IReadOnlySet<string> Mounted => _mounted;

    public Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BlockDevice>>(Disks.ToList());

    public Task<IReadOnlyList<BlockDevice>> ListDisksUnreadAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BlockDevice>>(Disks.ToList());

    /// <summary>The disks wiped, in order.</summary>
    public List<string> Wiped { get; } = [];

    /// <summary>Wiping leaves the disk empty.</summary>
    public Task WipeAsync(string device, CancellationToken ct)
    {
        Wiped.Add(device);
        var at = Disks.FindIndex(d => d.Path == device);
        if (at >= 0)
        {
            Disks[at] = Disks[at] with { FilesystemType = null, FilesystemUuid = null, HasPartitions = false, Unusable = null };
        }

        return Task.CompletedTask;
    }

    public Task CreateImageFileAsync(string path, long sizeBytes, CancellationToken ct)
    {
        files.AddFile(path);
        return Task.CompletedTask;
    }

    public Task<string> AttachLoopAsync(string imageFile, CancellationToken ct)
    {
        if (!_loops.TryGetValue(imageFile, out var loop))
        {
            _loops[imageFile] = loop = $"/dev/loop{_loops.Count}";
        }

        return Task.FromResult(loop);
    }

    public Task DetachLoopAsync(string imageFile, CancellationToken ct)
    {
        _loops.Remove(imageFile);
        return Task.CompletedTask;
    }

    /// <summary>The options each mount point was last mounted or remounted with.</summary>
    public Dictionary<string, IReadOnlyList<string>> MountOptions { get; } = new(StringComparer.Ordinal);

    public Task RemountAsync(string mountPoint, IReadOnlyList<string> options, CancellationToken ct)
    {
        MountOptions[mountPoint] = options;
        return Task.CompletedTask;
    }

    public Task MountAsync(IReadOnlyList<string> devices, string mountPoint, IReadOnlyList<string> options, CancellationToken ct)
    {
        MountOptions[mountPoint] = options;
        var filesystem = btrfs.FilesystemOn(devices[0])
            ?? throw new StorageCommandException("mount failed", "mount", $"{devices[0]}: wrong fs type");
        btrfs.Mount(mountPoint, filesystem);
        _mounted.Add(mountPoint);
        return Task.CompletedTask;
    }

    public Task RestrictMountAsync(string mountPoint, CancellationToken ct) => Task.CompletedTask;

    public Task UnmountAsync(string mountPoint, CancellationToken ct)
    {
        btrfs.Unmount(mountPoint);
        _mounted.Remove(mountPoint);
        return Task.CompletedTask;
    }

    public Task ScanAsync(CancellationToken ct) => Task.CompletedTask;
}
