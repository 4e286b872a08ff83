using Rockstor.Domain.Common;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>
/// What a replication task's own settings may be, whether an admin types them or a configuration file
/// brings them: a port, a number of snapshots to keep, a bandwidth limit and a compression mode.
/// </summary>
public static class TaskRules
{
    public const double MaxBandwidthLimitMBps = 100_000;

    /// <summary>The port the task sends to, or a sentence when it is not a port.</summary>
    public static int Port(int port) => port is < 1 or > 65535
        ? throw new ValidationException("The replication port must be between 1 and 65535.")
        : port;

    /// <summary>A number of snapshots to keep on each side, when one is given.</summary>
    public static void Keep(int? keep)
    {
        if (keep is < ReplicationRules.MinKeep or > ReplicationRules.MaxKeep)
        {
            throw new ValidationException($"Keep between {ReplicationRules.MinKeep} and {ReplicationRules.MaxKeep} snapshots on each side.");
        }
    }

    /// <summary>A bandwidth limit in MB/s: none (null or 0), or from 0.1 to <see cref="MaxBandwidthLimitMBps"/>.</summary>
    public static void BandwidthLimit(double? limit)
    {
        if (limit is < 0 or > MaxBandwidthLimitMBps || (limit is { } l && double.IsNaN(l)))
        {
            throw new ValidationException($"A bandwidth limit is between 0.1 and {MaxBandwidthLimitMBps} MB/s (0 or empty: no limit).");
        }

        if (limit is > 0 and < 0.1)
        {
            throw new ValidationException("A bandwidth limit below 0.1 MB/s would make a run last for days; use at least 0.1 MB/s.");
        }
    }

    /// <summary>The compression mode named ("off", "on" or "auto", in any case).</summary>
    public static CompressionMode Compression(string named) =>
        Enum.TryParse<CompressionMode>(named, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(named, out _)
            ? mode
            : throw new ValidationException($"Compression is \"off\", \"on\" or \"auto\", not \"{Echo.Of(named)}\".");
}
