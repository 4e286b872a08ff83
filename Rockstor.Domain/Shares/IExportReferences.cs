namespace Rockstor.Domain.Shares;

/// <summary>
/// Something that names shares, users or groups (SMB exports, snapshot schedules): told when one of them
/// goes, so a share made later under the same name does not inherit an old export or schedule, and a
/// deleted account does not stay on an access list.
/// </summary>
public interface IExportReferences
{
    /// <summary>
    /// How the share is offered to the network by this reference ("SMB", "NFS", "SFTP"), or null when it
    /// is not: a share that is offered cannot be deleted until its exports are removed.
    /// </summary>
    string? OfferedOver(string share);

    /// <summary>
    /// Whether this server sees a share through a mount of its subvolume (NFS, SFTP) rather than by its
    /// path: such a share is not rolled back while offered, since the mount would keep the old subvolume.
    /// </summary>
    bool ServesThroughMounts { get; }

    /// <summary>The share's owner or group changed (an export that maps clients to the owner writes it again).</summary>
    Task ShareChangedAsync(string share, CancellationToken ct);

    Task ForgetShareAsync(string share, CancellationToken ct);

    Task ForgetUserAsync(string name, CancellationToken ct);

    Task ForgetGroupAsync(string name, CancellationToken ct);
}
