using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Shares;

/// <summary>Puts a share's recorded owner, group, mode, size limit and compression on its subvolume.</summary>
public sealed class ShareSettings(AccountResolver accounts, IBtrfs btrfs, IStorageFiles files)
{
    public async Task ApplyAsync(Share share, string path, CancellationToken ct)
    {
        ApplyOwnership(share, path);
        await btrfs.SetSizeLimitAsync(path, share.SizeLimitBytes > 0 ? share.SizeLimitBytes : null, ct).ConfigureAwait(false);
        await btrfs.SetCompressionAsync(path, share.Compression, ct).ConfigureAwait(false);
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
