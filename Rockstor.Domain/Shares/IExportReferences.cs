namespace Rockstor.Domain.Shares;

/// <summary>
/// A way of serving shares that names shares, users and groups (SMB today): told when one of them goes,
/// so a share made later under the same name does not inherit an old export, and a deleted account does
/// not stay on an access list.
/// </summary>
public interface IExportReferences
{
    Task ForgetShareAsync(string share, CancellationToken ct);

    Task ForgetUserAsync(string name, CancellationToken ct);

    Task ForgetGroupAsync(string name, CancellationToken ct);
}
