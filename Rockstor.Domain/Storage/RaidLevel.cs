namespace Rockstor.Domain.Storage;

/// <summary>A btrfs data profile: how a pool spreads and copies its data over its devices.</summary>
public enum RaidLevel
{
    Single,

    /// <summary>Two copies on the same device: survives a bad block, not a lost disk.</summary>
    Dup,
    Raid0,
    Raid1,

    /// <summary>Three copies, each on another device.</summary>
    Raid1c3,

    /// <summary>Four copies, each on another device.</summary>
    Raid1c4,
    Raid10,
    Raid5,
    Raid6,
}
