namespace Rockstor.Domain.Alerts;

public enum AlertKind
{
    /// <summary>A replication run failed.</summary>
    RunFailed,

    /// <summary>No good snapshot has reached a task's destination for three times its interval.</summary>
    Stale,

    /// <summary>A scrub found blocks whose checksum did not match.</summary>
    ScrubErrors,

    /// <summary>btrfs's error counters of a pool's device grew.</summary>
    DeviceErrors,

    /// <summary>A pool is fuller than a threshold (80% and 90% by default).</summary>
    Capacity,
}
