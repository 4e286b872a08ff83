using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Shares;

/// <summary>
/// Puts a share's recorded owner, group, mode, size limit and compression on its subvolume. Given what
/// the subvolume had before, it touches only what changes: a share recorded before it had settings keeps
/// its folder's owner when only its compression changes, and a pool without quotas is never asked for
/// a quota it does not keep.
/// </summary>
public sealed class ShareSettings(AccountResolver accounts, IBtrfs btrfs, IStorageFiles files)
{
    /// <param name="share">The settings to put on the subvolume.</param>
    /// <param name="path">The share's subvolume.</param>
    /// <param name="before">What the subvolume has now; null for a subvolume that has none of it (made anew).</param>
    /// <param name="ct">Stops the btrfs commands.</param>
    public async Task ApplyAsync(Share share, string path, Share? before, CancellationToken ct)
    {
        if (before is null || (before.Owner, before.Group, before.Mode) != (share.Owner, share.Group, share.Mode))
        {
            ApplyOwnership(share, path);
        }

        if (before is null ? share.SizeLimitBytes > 0 : before.SizeLimitBytes != share.SizeLimitBytes)
        {
            await btrfs.SetSizeLimitAsync(path, share.SizeLimitBytes > 0 ? share.SizeLimitBytes : null, ct).ConfigureAwait(false);
        }

        if (before is null ? share.Compression != ShareCompression.Off : before.Compression != share.Compression)
        {
            await btrfs.SetCompressionAsync(path, share.Compression, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Throws, before anything is touched, when the share's owner or group may not have it.</summary>
    public void Check(Share share)
    {
        _ = accounts.OwnerId(share.Owner);
        _ = accounts.GroupId(share.Group);
    }

    /// <summary>Only the owner, group and mode: cheap, for a share whose folder came from a snapshot.</summary>
    public void ApplyOwnership(Share share, string path) =>
        files.SetOwnership(path, accounts.OwnerId(share.Owner), accounts.GroupId(share.Group), ShareAccess.ToFileMode(share.Mode));
}
