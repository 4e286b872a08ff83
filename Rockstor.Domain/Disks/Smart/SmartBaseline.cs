namespace Rockstor.Domain.Disks.Smart;

/// <summary>
/// A disk's sector counts as last seen (by its serial), so a count that grows is noticed across restarts,
/// and when one last grew.
/// </summary>
public sealed record SmartBaseline(
    string Serial,
    long ReallocatedSectors,
    long PendingSectors,
    long UncorrectableSectors,
    long MediaErrors,
    DateTimeOffset? LastWorsenedAt)
{
    /// <summary>
    /// The counts read now; one the disk did not report this time (a USB bridge may leave the attribute
    /// table out now and then) keeps its value from <paramref name="before"/>, or 0 on first sight.
    /// </summary>
    public static SmartBaseline Of(string serial, SmartVitals vitals, SmartBaseline? before) => new(
        serial,
        vitals.ReallocatedSectors ?? before?.ReallocatedSectors ?? 0,
        vitals.PendingSectors ?? before?.PendingSectors ?? 0,
        vitals.UncorrectableSectors ?? before?.UncorrectableSectors ?? 0,
        vitals.MediaErrors ?? before?.MediaErrors ?? 0,
        before?.LastWorsenedAt);

    /// <summary>"reallocated sectors 0 -> 8, pending sectors 1 -> 3": the counts that grew since this baseline.</summary>
    public IReadOnlyList<string> Growth(SmartBaseline now) =>
    [
        .. Grew("reallocated sectors", ReallocatedSectors, now.ReallocatedSectors),
        .. Grew("pending sectors", PendingSectors, now.PendingSectors),
        .. Grew("uncorrectable sectors", UncorrectableSectors, now.UncorrectableSectors),
        .. Grew("media errors", MediaErrors, now.MediaErrors),
    ];

    public bool SameCounts(SmartBaseline other) =>
        (ReallocatedSectors, PendingSectors, UncorrectableSectors, MediaErrors)
        == (other.ReallocatedSectors, other.PendingSectors, other.UncorrectableSectors, other.MediaErrors);

    private static IEnumerable<string> Grew(string what, long before, long after) =>
        after > before ? [$"{what} {before} -> {after}"] : [];
}
