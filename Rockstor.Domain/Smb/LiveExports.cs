using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Smb;

/// <summary>The stored exports that belong to a share that exists now (see <see cref="SmbExport.ShareCreatedAt"/>).</summary>
public static class LiveExports
{
    public static IReadOnlyList<SmbExport> Of(ISmbStore store, IShareRepository shares) =>
        store.Exports().Where(e => IsLive(e, shares)).ToList();

    public static bool IsLive(SmbExport export, IShareRepository shares) => shares.Find(export.Share)?.CreatedAt == export.ShareCreatedAt;
}
