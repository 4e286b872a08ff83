using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Sftp;

/// <summary>The stored SFTP exports that belong to a share that exists now (see <see cref="SftpExport.ShareCreatedAt"/>).</summary>
public static class LiveSftpExports
{
    public static IReadOnlyList<SftpExport> Of(ISftpStore store, IShareRepository shares) =>
        store.Exports().Where(e => IsLive(e, shares)).ToList();

    public static bool IsLive(SftpExport export, IShareRepository shares) => shares.Find(export.Share)?.CreatedAt == export.ShareCreatedAt;
}
