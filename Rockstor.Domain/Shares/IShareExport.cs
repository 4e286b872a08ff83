namespace Rockstor.Domain.Shares;

/// <summary>
/// How one share is offered to the network (SMB, NFS, SFTP): it names the share and the moment that
/// share was made, so it belongs to that share only; a share deleted by any path (with its pool, or gone
/// from the disk) and made again under the same name starts unexported.
/// </summary>
public interface IShareExport
{
    string Share { get; }

    DateTimeOffset ShareCreatedAt { get; }

    bool Enabled { get; }
}
