namespace Rockstor.Infrastructure.Configuration;

/// <summary>
/// Which of the store's collections are configuration (in the file) and which are history or runtime
/// state (not in it); ADR-039 gives the reasons. A collection added to the store is added to one list here.
/// </summary>
internal static class ConfigurationCollections
{
    /// <summary>Written to the file and, on import, put in place of what the fresh appliance had.</summary>
    public static readonly IReadOnlyList<string> Exported =
    [
        "appliance",
        "users",
        "paired_appliances",
        "services",
        "replication_tasks",
        "sequences",
        "snapshot_schedules",
        "receive_settings",
        "incoming_replicas",
        "local_users",
        "local_groups",
        "account_ids",
        "smb_exports",
        "smb_settings",
        "nfs_exports",
        "nfs_settings",
        "sftp_exports",
        "sftp_settings",
        "alert_settings",
        "self_test_schedule",

        // The Updates feature's settings (source, automatic, window), merged on main after this branch began.
        "update_settings",

        // Where the replication listener listens (address and port), which peers were told of.
        "replication_listener",
    ];

    /// <summary>
    /// The shares ("shares") go in the file too, but are written on import to "awaited_shares", not to
    /// "shares": they are not there until their pool is imported, which takes each back by its subvolume uuid.
    /// </summary>
    public const string AwaitedShares = "awaited_shares";

    /// <summary>Emptied on import: the fresh install's logins, of an admin the import replaces.</summary>
    public static readonly IReadOnlyList<string> ClearedOnImport = ["refresh_token_families"];

    /// <summary>
    /// Left out: what the pools' disks hold and a pool import finds again (pools, shares, snapshots), and
    /// history or runtime state (trails, alerts, refusals, pending restores, pool operations, SMART
    /// baselines, usage samples; Hangfire's jobs are in a file of their own and made again from the tasks).
    /// </summary>
    public static readonly IReadOnlyList<string> NotExported =
    [
        "pools",
        "shares",
        "snapshots",
        "pool_operations",
        "restores",
        "send_trail",
        "receive_trail",
        "refusals",
        "alerts",
        "smart_baselines",
        "pool_usage",
    ];
}
