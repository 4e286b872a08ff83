using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Disks;

/// <summary>The machine's whole disks, what each holds, and wiping one that holds nothing of this appliance.</summary>
public sealed class DiskService(IBlockDevices devices, IPoolRepository pools, IBtrfs btrfs, StorageLock storageLock)
{
    public async Task<IReadOnlyList<DiskView>> ListAsync(CancellationToken ct)
    {
        var known = pools.List();
        return (await devices.ListDisksAsync(ct).ConfigureAwait(false)).Select(disk => Classify(disk, known)).ToList();
    }

    /// <summary>
    /// Removes every filesystem signature from the disk, so a pool can be made on it. The caller repeats
    /// the disk's path (<paramref name="confirm"/>), as the screen's confirmation does; a disk of one of
    /// this appliance's pools, the system's, or one that is mounted (itself, or its btrfs filesystem through
    /// another disk) is refused.
    /// </summary>
    public async Task<DiskView> WipeAsync(string name, string? confirm, CancellationToken ct)
    {
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var disk = await RequireAsync(name, ct).ConfigureAwait(false);
        if (!string.Equals(confirm, disk.Disk.Path, StringComparison.Ordinal))
        {
            throw new ValidationException($"To wipe {disk.Disk.Path}, which holds {disk.WhatItHolds}, confirm with its path ({disk.Disk.Path}).");
        }

        var refusal = disk.Holds switch
        {
            DiskHolds.System => $"{disk.Disk.Path} holds the machine's system: it is never wiped here.",
            DiskHolds.Pool => $"{disk.Disk.Path} is a device of the pool '{disk.Pool}': remove it from the pool, or delete the pool, first.",
            DiskHolds.Unknown => $"{disk.Disk.Path} could not be read, so what it holds is unknown: it is not wiped.",
            _ when disk.Disk.Mounted => $"{disk.Disk.Path} is mounted: unmount it first.",
            _ => null,
        };

        // A disk of a btrfs filesystem mounted through another of its disks shows as not mounted itself.
        if (refusal is null && disk.Holds == DiskHolds.ForeignBtrfs && disk.Disk.FilesystemUuid is { } uuid
            && await btrfs.IsMountedAnywhereAsync(uuid, ct).ConfigureAwait(false))
        {
            refusal = $"{disk.Disk.Path} belongs to a btrfs filesystem that is mounted through another of its disks: unmount it first.";
        }
        if (refusal is not null)
        {
            throw new ConflictException(refusal);
        }

        await devices.WipeAsync(disk.Disk.Path, ct).ConfigureAwait(false);
        return await RequireAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>The disk by its path or its name ("sdb", "/dev/sdb").</summary>
    public async Task<DiskView> RequireAsync(string name, CancellationToken ct) =>
        (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(d => d.Disk.Path == name || d.Disk.Path == "/dev/" + name)
        ?? throw new NotFoundException($"There is no disk '{Echo.Of(name)}'.");

    private static DiskView Classify(BlockDevice disk, IReadOnlyList<Pool> known)
    {
        if (disk.IsSystem)
        {
            return new DiskView(disk, DiskHolds.System, null);
        }

        if (disk.FilesystemUuid is { } uuid && known.FirstOrDefault(p => string.Equals(p.Uuid, uuid, StringComparison.OrdinalIgnoreCase)) is { } pool)
        {
            return new DiskView(disk, DiskHolds.Pool, pool.Name);
        }

        if (!disk.Probed)
        {
            return new DiskView(disk, DiskHolds.Unknown, null);
        }

        // A disk a pool was made on that no longer shows the pool's filesystem (its superblock damaged, say)
        // is still taken for the pool's, unless it clearly holds another filesystem now.
        if (disk.FilesystemType is null && known.FirstOrDefault(p => !p.IsImagePool && p.Devices.Contains(disk.Path, StringComparer.Ordinal)) is { } member)
        {
            return new DiskView(disk, DiskHolds.Pool, member.Name);
        }

        return disk.FilesystemType switch
        {
            "btrfs" => new DiskView(disk, DiskHolds.ForeignBtrfs, null),
            not null => new DiskView(disk, DiskHolds.Filesystem, null),
            _ when disk.HasPartitions => new DiskView(disk, DiskHolds.Filesystem, null),
            _ => new DiskView(disk, DiskHolds.Empty, null),
        };
    }
}
