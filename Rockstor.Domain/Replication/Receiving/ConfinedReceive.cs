using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The one way a stream from another appliance becomes a subvolume here (a replica's snapshot, a failback's
/// staged copy): received confined to its folder (see <see cref="IBtrfs.ReceiveAsync"/>), then accepted only
/// when exactly one new entry appeared there, the offered subvolume, read-only, with the offered snapshot's
/// uuid as its received uuid and, for an incremental, made from the offered parent. Whatever else the stream
/// left in the folder is deleted, and so is the subvolume when it does not pass.
/// </summary>
public sealed class ConfinedReceive(IBtrfs btrfs, IStorageFiles files)
{
    /// <summary>Receives the offered snapshot into <paramref name="folder"/> and returns it, checked; or throws with the reason.</summary>
    public async Task<Subvolume> ReceiveAsync(string folder, Stream stream, ReplicationOffer offer, Snapshot? parent, CancellationToken ct)
    {
        var path = Path.Combine(folder, offer.Snapshot);
        var before = files.Entries(folder).ToHashSet(StringComparer.Ordinal);
        var expected = new ExpectedSubvolume(offer.Snapshot, offer.SnapshotUuid, offer.ParentUuid, parent?.Path);
        try
        {
            IReadOnlyList<string> strays;
            try
            {
                await btrfs.ReceiveAsync(folder, stream, expected, ct).ConfigureAwait(false);
            }
            finally
            {
                strays = await DeleteStraysAsync(folder, before, path).ConfigureAwait(false);
            }

            if (strays.Count > 0)
            {
                var named = string.Join(", ", strays.Take(3).Select(s => $"'{Echo.Of(Path.GetFileName(s))}'"));
                throw new UnsafeSendStreamException(
                    $"The stream made {named}{(strays.Count > 3 ? " and more" : "")} beside the offered snapshot; that was deleted and nothing was kept.");
            }

            return await CheckAsync(path, offer, parent, ct).ConfigureAwait(false);
        }
        catch when (!before.Contains(path))
        {
            await DiscardAsync(path).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Before any data: btrfs finds an incremental's parent and a clone's source by received uuid anywhere
    /// on the pool, so the offered parent must be the only subvolume received as it, and a snapshot already
    /// received here (as this replica's or any other) is not received again under another name: otherwise
    /// a peer could plant a second subvolume with a uuid it knows, for btrfs to open instead.
    /// </summary>
    public async Task CheckOfferAsync(string poolMountPoint, ReplicationOffer offer, Snapshot? parent, CancellationToken ct)
    {
        await CheckNotReceivedAsync(poolMountPoint, offer, ct).ConfigureAwait(false);

        if (offer.ParentUuid is not null)
        {
            var holders = await btrfs.ReceivedAsAsync(poolMountPoint, offer.ParentUuid, ct).ConfigureAwait(false);
            if (parent is null || holders.Count != 1 || Path.Combine(poolMountPoint, holders[0]) != parent.Path)
            {
                throw new ReplicationRefusedException("The parent of this incremental send is not held here as exactly one snapshot of this replica; nothing was received.");
            }
        }
    }

    /// <summary>A snapshot is received once: one already received anywhere on the pool is refused before anything is made.</summary>
    public async Task CheckNotReceivedAsync(string poolMountPoint, ReplicationOffer offer, CancellationToken ct)
    {
        if ((await btrfs.ReceivedAsAsync(poolMountPoint, offer.SnapshotUuid, ct).ConfigureAwait(false)).Count > 0)
        {
            throw new ReplicationRefusedException("This appliance already holds a snapshot received as the one offered; a snapshot is received once.");
        }
    }

    /// <summary>The subvolume is the one offered, whole: read-only, its received uuid the offered one, made from the offered parent.</summary>
    private async Task<Subvolume> CheckAsync(string path, ReplicationOffer offer, Snapshot? parent, CancellationToken ct)
    {
        if (!files.Exists(path))
        {
            throw new UnsafeSendStreamException($"The stream did not make the offered snapshot '{offer.Snapshot}'; nothing was kept.");
        }

        var subvolume = await btrfs.ShowSubvolumeAsync(path, ct).ConfigureAwait(false);
        if (!subvolume.ReadOnly || !string.Equals(subvolume.ReceivedUuid, offer.SnapshotUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new ReplicationRefusedException(
                $"The received subvolume is not a faithful copy (read-only: {subvolume.ReadOnly}, received uuid: {subvolume.ReceivedUuid ?? "none"}); nothing was kept.");
        }

        if (!string.Equals(subvolume.ParentUuid, parent?.Uuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsafeSendStreamException("The received subvolume was not made from the offered parent snapshot; nothing was kept.");
        }

        return subvolume;
    }

    /// <summary>
    /// Deletes every entry the receive added to the folder but the offered one (a send stream makes one
    /// subvolume and writes only inside it) and returns them; one that cannot be deleted is left for the admin.
    /// </summary>
    private async Task<IReadOnlyList<string>> DeleteStraysAsync(string folder, HashSet<string> before, string offered)
    {
        var strays = files.Entries(folder).Where(e => !before.Contains(e) && e != offered).ToList();
        foreach (var stray in strays)
        {
            try
            {
                await DeleteAsync(stray).ConfigureAwait(false);
            }
            catch (StorageCommandException)
            {
                // Named in the refusal; the admin can remove it.
            }
        }

        return strays;
    }

    /// <summary>Deletes everything in a staging folder and then the folder; what cannot be deleted now is left for the next time.</summary>
    public async Task ClearAsync(string folder)
    {
        try
        {
            if (files.Exists(folder))
            {
                await btrfs.ReleaseReceiveFolderAsync(folder, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var entry in files.Entries(folder))
            {
                await DeleteAsync(entry).ConfigureAwait(false);
            }

            files.RemoveEmptyDirectory(folder);
        }
        catch (StorageCommandException)
        {
            // Left for the next receive into this folder, or the start-up sweep.
        }
    }

    private async Task DiscardAsync(string path)
    {
        if (files.Exists(path))
        {
            await DeleteAsync(path).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a subvolume, or anything else when it is not one.</summary>
    private async Task DeleteAsync(string path)
    {
        try
        {
            await btrfs.DeleteSubvolumeAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageCommandException)
        {
            files.RemoveEntry(path);
        }
    }
}
