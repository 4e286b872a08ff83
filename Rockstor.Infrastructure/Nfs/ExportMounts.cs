using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Nfs;

/// <summary>
/// Each exported share seen by NFS-Ganesha through a bind mount of its own under the NFS folder of the
/// data directory. Ganesha finds an export's filesystem in the mount table, and a btrfs subvolume (a
/// share) is not there: its folder has a device number of its own that no mount names, so Ganesha
/// refuses it ("No such file or directory"). The binds exist only while the server runs; a share that is
/// no longer exported is let go after the server has let go of it. A bind whose share was replaced (a
/// rollback puts another subvolume at the share's path) is bound again.
/// </summary>
public sealed class ExportMounts(GaneshaLayout layout, MountTable mounts, CommandRunner runner)
{
    public string PathOf(string share) => Path.Combine(layout.ExportsDirectory, share);

    /// <summary>Binds every share (name to its folder) that is not bound yet.</summary>
    public async Task MountAsync(IReadOnlyDictionary<string, string> sources, CancellationToken ct)
    {
        foreach (var (share, source) in sources)
        {
            var target = PathOf(share);
            if (mounts.MountPointsUnder(target).Contains(target))
            {
                if (mounts.IsBindOf(target, source))
                {
                    continue;
                }

                await UnmountAsync(target, ct).ConfigureAwait(false); // the share's subvolume was replaced
            }

            Directory.CreateDirectory(target);
            await runner.RunAsync("mount", ["--bind", source, target], $"Share '{share}' could not be prepared for NFS", ct).ConfigureAwait(false);
        }
    }

    /// <summary>Lets go of every bind but those of <paramref name="shares"/>, and of the folders they left.</summary>
    public async Task KeepOnlyAsync(IReadOnlyCollection<string> shares, CancellationToken ct)
    {
        if (!Directory.Exists(layout.ExportsDirectory))
        {
            return;
        }

        // Deepest first, should anything have been mounted inside a bind.
        foreach (var mountPoint in mounts.MountPointsUnder(layout.ExportsDirectory).Where(m => m != layout.ExportsDirectory).OrderByDescending(m => m.Length))
        {
            if (!shares.Contains(Path.GetFileName(mountPoint)) || Path.GetDirectoryName(mountPoint) != layout.ExportsDirectory)
            {
                await UnmountAsync(mountPoint, ct).ConfigureAwait(false);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(layout.ExportsDirectory).Where(f => !shares.Contains(Path.GetFileName(f))))
        {
            if (!mounts.MountPointsUnder(folder).Any() && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }

    /// <summary>
    /// umount; one the server still holds (it lets go of an export's files shortly after a reload) is
    /// detached lazily and goes once it is let go. A pool is never wiped while anything still holds it
    /// (PoolService checks).
    /// </summary>
    private async Task UnmountAsync(string mountPoint, CancellationToken ct)
    {
        try
        {
            await runner.RunAsync("umount", [mountPoint], "A share's NFS mount could not be let go", ct).ConfigureAwait(false);
        }
        catch (Domain.Common.StorageCommandException)
        {
            await runner.RunAsync("umount", ["--lazy", mountPoint], "A share's NFS mount could not be let go", ct).ConfigureAwait(false);
        }
    }
}
