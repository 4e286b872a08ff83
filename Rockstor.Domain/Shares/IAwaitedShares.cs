namespace Rockstor.Domain.Shares;

/// <summary>
/// The shares a configuration import brought (ADR-039), kept until their pool is imported: a share found on
/// the imported pool with the same subvolume uuid and name comes back as it was (its creation time, which
/// its SMB, NFS and SFTP exports name, its owner, mode, size limit and compression).
/// </summary>
public interface IAwaitedShares
{
    /// <summary>The share that was on the subvolume <paramref name="uuid"/> under <paramref name="name"/>, or null.</summary>
    Share? Find(string name, string uuid);

    /// <summary>Whether an import brought the share <paramref name="name"/> and its pool is not imported yet.</summary>
    bool Awaits(string name);

    void Forget(string name);
}
