namespace Rockstor.Domain.Pools.Operations;

public enum PoolOperationState
{
    Running,

    /// <summary>Stopped by the admin with its place kept; resuming continues from there.</summary>
    Paused,

    Finished,

    /// <summary>btrfs stopped it with an error; the message says which.</summary>
    Failed,

    /// <summary>Stopped for good by the admin.</summary>
    Cancelled,

    /// <summary>Stopped by something else than the admin (an unmount, a restart that btrfs could not carry it through).</summary>
    Interrupted,
}

public static class PoolOperationStates
{
    /// <summary>Running or paused: the pool is busy with it, and no other operation may start.</summary>
    public static bool IsActive(this PoolOperationState state) => state is PoolOperationState.Running or PoolOperationState.Paused;
}
