namespace Rockstor.Domain.Storage;

/// <summary>A btrfs data profile: how a pool spreads and copies its data over its devices.</summary>
public enum RaidLevel
{
    Single,
    Raid0,
    Raid1,
    Raid10,
    Raid5,
    Raid6,
}
