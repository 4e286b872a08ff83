namespace Rockstor.Domain.Replication.Restores;

/// <summary>Where a <see cref="PendingRestore"/> is.</summary>
public enum RestoreState
{
    /// <summary>Asked; the other appliance has not started sending.</summary>
    Asked,

    /// <summary>The snapshot is arriving.</summary>
    Receiving,

    Succeeded,

    Failed,
}
