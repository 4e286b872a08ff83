using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication;

/// <summary>The rules of a run, pure so they are tested alone.</summary>
public static class ReplicationRules
{
    public const int MinKeep = 2;
    public const int MaxKeep = 1000;

    /// <summary>
    /// The parent for an incremental send: the newest of the task's source snapshots that the destination
    /// holds as received from us (its received uuid is the source snapshot's uuid). Names play no part.
    /// </summary>
    public static T? ChooseParent<T>(IEnumerable<T> sourceSnapshotsOldestFirst, Func<T, string> uuid, IReadOnlySet<string> receivedUuids)
        where T : class =>
        sourceSnapshotsOldestFirst.LastOrDefault(s => receivedUuids.Contains(uuid(s)));

    /// <summary>
    /// Whether the destination's replica has diverged from the source: it holds received snapshots, and
    /// none is one of the task's snapshots here (they were deleted, or the replica came from elsewhere).
    /// A full send would only add to it; the admin decides (a re-seed).
    /// </summary>
    public static bool HasDiverged(IEnumerable<string> sourceUuids, IReadOnlySet<string> receivedUuids) =>
        receivedUuids.Count > 0 && !sourceUuids.Any(receivedUuids.Contains);

    /// <summary>
    /// Whether a failure may go away by itself (the network, a timeout, the peer restarting, a receive
    /// still being settled): the run tries again. Refusals for a reason (not paired, no such pool, no
    /// space, a certificate that changed) and errors of this appliance fail the run at once.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        ReplicationRefusedException refused => refused.Transient,
        Appliances.PeerUnreachableException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>Percent of the expected stream sent so far; capped below 100 (an estimate can be short); null when unknown.</summary>
    public static double? Percent(long done, long expected) =>
        expected > 0 ? Math.Min(99.9, Math.Round(100.0 * done / expected, 1)) : null;

    /// <summary>Seconds until <paramref name="expected"/> at the rate so far; null when unknown or already past the estimate.</summary>
    public static long? EtaSeconds(long done, long expected, TimeSpan elapsed) =>
        expected <= 0 || done <= 0 || done >= expected || elapsed <= TimeSpan.Zero
            ? null
            : (long)Math.Ceiling((expected - done) * elapsed.TotalSeconds / done);

    /// <summary>
    /// A resumable transfer's spool on a destination that nothing was written to for this long is deleted
    /// (at start-up): its sender has not come back, its task was deleted, or it was unpaired.
    /// </summary>
    public static readonly TimeSpan AbandonedSpoolAge = TimeSpan.FromDays(14);

    /// <summary>Below this (100 Mbit/s) a link is slow: a cut would cost much to send again, so transfers go resumably.</summary>
    public const double SlowLinkBytesPerSecond = 12_500_000;

    /// <summary>A transfer this small says little about the link (it is mostly latency).</summary>
    public const long RateSampleBytes = 16L << 20;

    /// <summary>
    /// Whether a run sends resumably (ADR-013): when the task asks for it, when its bandwidth limit makes
    /// the link slow, or when its last good transfer of some size was slow. On a fast link streaming
    /// straight into btrfs receive is faster and needs no room for a spool.
    /// </summary>
    public static bool UseResumable(bool taskResumable, double? bandwidthLimitMBps, Attempt? lastBackup) =>
        taskResumable
        || bandwidthLimitMBps * 1_000_000 < SlowLinkBytesPerSecond
        || lastBackup is { Bytes: >= RateSampleBytes, BytesPerSecond: > 0 and < (long)SlowLinkBytesPerSecond };

    public static long Rate(long bytes, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? bytes : (long)(bytes / elapsed.TotalSeconds);
}
