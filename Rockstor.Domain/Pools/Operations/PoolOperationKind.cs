namespace Rockstor.Domain.Pools.Operations;

/// <summary>The long pieces of work btrfs does on a whole pool.</summary>
public enum PoolOperationKind
{
    /// <summary>Reads every block and checks it against its checksum, repairing from a good copy where there is one.</summary>
    Scrub,

    /// <summary>Rewrites the pool's chunks: spreads data over new disks, or converts it to another raid level.</summary>
    Balance,

    /// <summary>Moves everything off one disk, then lets it go.</summary>
    RemoveDevice,

    /// <summary>Copies one disk (or rebuilds a missing one) onto another, which takes its place.</summary>
    Replace,
}
