namespace Rockstor.Domain.Storage;

/// <summary>The machine's disks, loop devices and mounts.</summary>
public interface IBlockDevices
{
    /// <summary>Every whole disk, each marked usable or with the reason it is not.</summary>
    Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken ct);

    /// <summary>
    /// The whole disks as the kernel lists them (path, size, model, serial), without reading any of them:
    /// what they hold is not known (<see cref="BlockDevice.Probed"/> false). A disk that sleeps stays asleep.
    /// </summary>
    Task<IReadOnlyList<BlockDevice>> ListDisksUnreadAsync(CancellationToken ct);

    /// <summary>Removes filesystem signatures so the disk is offered again after its pool is deleted.</summary>
    Task WipeAsync(string device, CancellationToken ct);

    /// <summary>Makes a sparse image file of the given size; fails when the file exists.</summary>
    Task CreateImageFileAsync(string path, long sizeBytes, CancellationToken ct);

    /// <summary>Attaches the image file to a loop device (or returns the one it is attached to).</summary>
    Task<string> AttachLoopAsync(string imageFile, CancellationToken ct);

    /// <summary>Detaches every loop device backed by the image file.</summary>
    Task DetachLoopAsync(string imageFile, CancellationToken ct);

    /// <summary>Mounts a pool so that device nodes and set-user-id programs in it do nothing (nodev, nosuid), with more options when given.</summary>
    Task MountAsync(IReadOnlyList<string> devices, string mountPoint, IReadOnlyList<string> options, CancellationToken ct);

    /// <summary>Changes the options of a mounted pool in place (mount -o remount), keeping nodev and nosuid.</summary>
    Task RemountAsync(string mountPoint, IReadOnlyList<string> options, CancellationToken ct);

    /// <summary>Makes a pool mounted before (by an older version, or by hand) nodev and nosuid.</summary>
    Task RestrictMountAsync(string mountPoint, CancellationToken ct);

    Task UnmountAsync(string mountPoint, CancellationToken ct);

    /// <summary>Makes btrfs learn every device of a multi-device filesystem before a mount.</summary>
    Task ScanAsync(CancellationToken ct);
}
