using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;

namespace Rockstor.Domain.Schedules;

/// <summary>
/// What a snapshot schedule's prefix may be: a name short enough to take "_" and the time after it, and
/// not one that starts like the names replication gives its own snapshots.
/// </summary>
public static class SnapshotPrefix
{
    /// <summary>Room left in a snapshot name for "_", the time and a count when two runs meet in a second ("_20261130-120000-2").</summary>
    public const int MaxLength = ResourceName.MaxLength - 20;

    /// <summary>The prefix, trimmed, or a sentence that says what a prefix may be.</summary>
    public static string Validate(string? prefix)
    {
        var trimmed = prefix?.Trim();
        ResourceName.Validate(trimmed, "snapshot prefix");
        if (trimmed!.Length > MaxLength)
        {
            throw new ValidationException($"A snapshot prefix has at most {MaxLength} characters (the time is added to it).");
        }

        return ReplicationNames.IsReplicationSnapshot(trimmed.ToLowerInvariant())
            ? throw new ValidationException("A snapshot prefix may not start with 'replication-': replication names its own snapshots so.")
            : trimmed;
    }
}
