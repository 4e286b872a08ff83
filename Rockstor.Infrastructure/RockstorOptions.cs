using System.ComponentModel.DataAnnotations;

namespace Rockstor.Infrastructure;

/// <summary>The configuration section "Rockstor" (environment variables Rockstor__DataDirectory and so on).</summary>
public sealed class RockstorOptions
{
    public const string Section = "Rockstor";

    /// <summary>Where the store, the TLS certificate, keys and pool image files live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "/var/lib/rockstor";

    /// <summary>Where pools are mounted, one folder per pool.</summary>
    [Required]
    public string MountRoot { get; set; } = "/mnt2";

    /// <summary>Takes this id instead of the one in the store (to rebuild an appliance with its old identity).</summary>
    public string? ApplianceId { get; set; }

    [Range(1, 65535)]
    public int ReplicationPort { get; set; } = 10002;

    /// <summary>The port the appliance's Samba listens on for SMB (445, where clients look for it).</summary>
    [Range(1, 65535)]
    public int SmbPort { get; set; } = 445;

    /// <summary>The port the appliance's NFS server listens on (2049, where NFSv4 clients look for it).</summary>
    [Range(1, 65535)]
    public int NfsPort { get; set; } = 2049;

    /// <summary>
    /// The port the appliance's SSH server listens on for SFTP while the admin has chosen none on the
    /// Services screen (22, where clients look for it; the admin's choice is kept in the store).
    /// </summary>
    [Range(1, 65535)]
    public int SftpPort { get; set; } = 22;

    /// <summary>How many times a replication run tries again after a transient failure (network, peer restarting).</summary>
    [Range(0, 20)]
    public int ReplicationRetries { get; set; } = 6;

    /// <summary>The first wait before trying again, in seconds; it doubles each time, up to 60 s.</summary>
    [Range(1, 60)]
    public int ReplicationRetryDelaySeconds { get; set; } = 1;

    /// <summary>A replication try whose byte count has not moved for this many seconds is ended as stalled (and tried again).</summary>
    [Range(2, 3600)]
    public int ReplicationStallSeconds { get; set; } = 120;

    /// <summary>
    /// A connection from a paired appliance that sends nothing for this many seconds (no offer after the
    /// welcome, no data while a stream flows) is closed, and a receive under way fails.
    /// </summary>
    [Range(2, 3600)]
    public int ReplicationIdleSeconds { get; set; } = 120;

    /// <summary>How often replication tasks are checked for staleness (no good snapshot for three intervals), in seconds.</summary>
    [Range(5, 86400)]
    public int AlertCheckSeconds { get; set; } = 300;

    /// <summary>How often every disk's SMART data is read for the disk health alerts, in minutes (smartctl does not wake a disk that sleeps).</summary>
    [Range(1, 1440)]
    public int SmartCheckMinutes { get; set; } = 60;

    /// <summary>How long a new version has, after an update installed it, to answer on /healthz before the previous version is put back, in seconds.</summary>
    [Range(10, 3600)]
    public int UpdateHealthSeconds { get; set; } = 120;

    /// <summary>Login and token attempts allowed per client address per minute.</summary>
    [Range(1, 10000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// A login (cookie or bearer token) not used for this long ends: each use of a cookie moves it on, a
    /// token is refreshed within it (POST /api/auth/refresh). "08:00:00" is 8 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// A login ends this long after the password was given, however much it is used (the absolute lifetime);
    /// then the password is asked again. "12:00:00" is 12 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Offers loop devices as disks; meant for tests and trials on machines without spare disks.</summary>
    public bool AllowLoopDevicesAsDisks { get; set; }

    /// <summary>
    /// A test setting: a snapshot schedule of "every N minutes" runs every N times this many seconds
    /// instead (so a test sees several runs in seconds). 0, the default, leaves minutes as minutes.
    /// </summary>
    [Range(0, 59)]
    public int SnapshotScheduleSecondsPerMinute { get; set; }
}
