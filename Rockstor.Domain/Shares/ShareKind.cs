namespace Rockstor.Domain.Shares;

public enum ShareKind
{
    /// <summary>A subvolume at the top of its pool.</summary>
    Regular,

    /// <summary>Made by replication on the receiving side: it has no subvolume of its own, only its received snapshots.</summary>
    Replica,
}
