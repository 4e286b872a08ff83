namespace Rockstor.Domain.Pools.Operations;

public enum ScrubState
{
    /// <summary>No scrub has run on the filesystem since btrfs-progs started keeping its status.</summary>
    None,
    Running,
    Finished,

    /// <summary>Cancelled (by the admin, or to pause it: a cancelled scrub can be resumed).</summary>
    Aborted,

    /// <summary>Stopped by an unmount; it can be resumed.</summary>
    Interrupted,
}

/// <summary>A scrub as <c>btrfs scrub status -R</c> reports it.</summary>
public sealed record ScrubStatus(ScrubState State, long BytesScrubbed, long ErrorsFound, long ErrorsCorrected, long ErrorsUncorrectable)
{
    public static readonly ScrubStatus Never = new(ScrubState.None, 0, 0, 0, 0);
}
