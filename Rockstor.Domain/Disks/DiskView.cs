using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Disks;

/// <summary>A whole disk as the Disks screen shows it: the disk, what it holds, and the pool it belongs to when it is one of ours.</summary>
public sealed record DiskView(BlockDevice Disk, DiskHolds Holds, string? Pool)
{
    /// <summary>The words that say what is on the disk (for the confirmation before a wipe).</summary>
    public string WhatItHolds => Holds switch
    {
        DiskHolds.Empty => "nothing the appliance can find",
        DiskHolds.Pool => $"the pool '{Pool}'",
        DiskHolds.ForeignBtrfs => $"a btrfs filesystem this appliance does not know (uuid {Disk.FilesystemUuid})",
        DiskHolds.Filesystem => Disk.FilesystemType is { } type ? $"a {type} filesystem" : "a partition table or partitions",
        DiskHolds.Unknown => "something the appliance could not read",
        _ => "the machine's system",
    };
}
