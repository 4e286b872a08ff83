namespace Rockstor.Domain.Shares;

/// <summary>The stored exports that belong to a share that exists now (see <see cref="IShareExport.ShareCreatedAt"/>).</summary>
public static class LiveExports
{
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> exports, IShareRepository shares)
        where T : IShareExport =>
        exports.Where(e => IsLive(e, shares)).ToList();

    public static bool IsLive(IShareExport export, IShareRepository shares) => shares.Find(export.Share)?.CreatedAt == export.ShareCreatedAt;

    /// <summary>Whether <paramref name="export"/> is on for the share that exists now.</summary>
    public static bool IsOffered(IShareExport? export, IShareRepository shares) => export is { Enabled: true } && IsLive(export, shares);
}
