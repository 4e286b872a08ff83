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

    /// <summary>A pool runs without one of its disks, or could not be mounted.</summary>
    Degraded,

    /// <summary>A disk's SMART verdict turned bad, or a sector count that tells of wear grew.</summary>
    Smart,

    /// <summary>A service the admin turned on stopped by itself.</summary>
    ServiceStopped,

    /// <summary>The appliance's TLS certificate expires soon, or has expired.</summary>
    Certificate,

    /// <summary>An update of the appliance did not take: the previous version was put back, or could not be.</summary>
    Update,
}
