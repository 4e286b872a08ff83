using System.Globalization;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Replication;

/// <summary>Names the appliance makes for replication. Ids may start with a digit; every name here allows it.</summary>
public static class ReplicationNames
{
    private const string SnapshotPrefix = "replication-";

    /// <summary>A source snapshot: carries the task id and sorts by time ("replication-7-20261124T103000123Z").</summary>
    public static string Snapshot(int taskId, DateTimeOffset at) =>
        $"{SnapshotPrefix}{taskId}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>Whether the snapshot was made by a replication task (of any id).</summary>
    public static bool IsReplicationSnapshot(string snapshot) => snapshot.StartsWith(SnapshotPrefix, StringComparison.Ordinal);

    /// <summary>Whether the snapshot was made by the task (so its retention may prune it).</summary>
    public static bool IsOfTask(string snapshot, int taskId) =>
        snapshot.StartsWith($"{SnapshotPrefix}{taskId}-", StringComparison.Ordinal);

    /// <summary>The share on the destination that holds what a sender's share became: "&lt;sender id&gt;_&lt;share&gt;".</summary>
    public static string ReplicaShare(string senderApplianceId, string sourceShare) => Checked($"{senderApplianceId}_{sourceShare}");

    /// <summary>
    /// The share that holds what one of this appliance's own shares became in another of its pools (a local
    /// task): "&lt;pool&gt;_&lt;share&gt;", so one share may go to several pools (two disks in turn, say).
    /// </summary>
    public static string LocalReplicaShare(string pool, string sourceShare) => Checked($"{pool}_{sourceShare}");

    private static string Checked(string name) =>
        ResourceName.IsSafe(name) ? name : throw new ValidationException($"'{Echo.Of(name)}' cannot name a replica share.");
}
