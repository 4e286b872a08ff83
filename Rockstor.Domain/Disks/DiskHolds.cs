namespace Rockstor.Domain.Disks;

/// <summary>What a whole disk holds, as the Disks screen says it.</summary>
public enum DiskHolds
{
    /// <summary>Nothing the appliance can find: no filesystem, no partition table.</summary>
    Empty,

    /// <summary>A device of one of this appliance's pools.</summary>
    Pool,

    /// <summary>A btrfs filesystem this appliance does not know (offered for import).</summary>
    ForeignBtrfs,

    /// <summary>Another filesystem, a partition table, or partitions.</summary>
    Filesystem,

    /// <summary>The machine's own system (root, boot or swap).</summary>
    System,

    /// <summary>The disk could not be read: what it holds is unknown, so it is never wiped.</summary>
    Unknown,
}
