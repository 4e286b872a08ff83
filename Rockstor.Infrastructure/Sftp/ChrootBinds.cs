using Microsoft.Extensions.Logging;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Sftp;

/// <summary>
/// The shares shown in users' locked views: each share's folder bound (mount --bind) onto a folder of the
/// user's root, so the user sees the share itself, with its own owner and mode, and nothing else. What is
/// bound is read from the kernel's mount table, so leftovers of a killed appliance are found too. Folders
/// are only ever removed one empty folder at a time: nothing here deletes below a mount.
/// </summary>
public sealed class ChrootBinds(SftpLayout layout, MountTable mounts, CommandRunner runner, ILogger<ChrootBinds> logger)
{
    /// <summary>The (user, share) pairs bound now.</summary>
    public IReadOnlyList<(string User, string Share)> Current()
    {
        var root = layout.ChrootRoot + "/";
        return mounts.MountPointsUnder(layout.ChrootRoot)
            .Where(p => p.StartsWith(root, StringComparison.Ordinal))
            .Select(p => p[root.Length..].Split('/'))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[0], parts[1]))
            .Distinct()
            .ToList();
    }

    /// <summary>Binds those of <paramref name="wanted"/> not bound yet; returns what it bound (all undone when one fails).</summary>
    public async Task<IReadOnlyList<SftpBind>> AddAsync(IReadOnlyCollection<SftpBind> wanted, CancellationToken ct)
    {
        var bound = Current().ToHashSet();
        var added = new List<SftpBind>();
        try
        {
            foreach (var bind in wanted.Where(b => !bound.Contains((b.User, b.Share))))
            {
                layout.EnsureUserRoot(bind.User);
                var target = Directory.CreateDirectory(layout.ShareFolder(bind.User, bind.Share)).FullName;
                await runner.RunAsync("mount", ["--bind", bind.Source, target], $"Could not show share '{bind.Share}' to SFTP user '{bind.User}'", ct)
                    .ConfigureAwait(false);
                added.Add(bind);
            }
        }
        catch
        {
            await RemoveAsync(added.Select(b => (b.User, b.Share)).ToList(), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return added;
    }

    /// <summary>Unbinds the pairs and removes their folders, and a user's root once it is empty.</summary>
    public async Task RemoveAsync(IReadOnlyCollection<(string User, string Share)> pairs, CancellationToken ct)
    {
        await DetachAsync(pairs, ct).ConfigureAwait(false);
        foreach (var user in pairs.Select(p => p.User).Distinct(StringComparer.Ordinal))
        {
            _ = DeleteIfEmpty(layout.ChrootOf(user)); // once the user's last share went
        }
    }

    /// <summary>
    /// Unbinds the pairs and removes their folders, leaving the users' roots: sessions are found by the
    /// root they are locked into, which must still be there to end them.
    /// </summary>
    public async Task DetachAsync(IReadOnlyCollection<(string User, string Share)> pairs, CancellationToken ct)
    {
        foreach (var (user, share) in pairs)
        {
            await UnmountAsync(layout.ShareFolder(user, share), ct).ConfigureAwait(false);
            _ = DeleteIfEmpty(layout.ShareFolder(user, share));
        }
    }

    /// <summary>Unbinds everything under the locked roots (deepest first) and removes their empty folders.</summary>
    public async Task RemoveAllAsync(CancellationToken ct)
    {
        foreach (var mountPoint in mounts.MountPointsUnder(layout.ChrootRoot).OrderByDescending(p => p.Length))
        {
            await UnmountAsync(mountPoint, ct).ConfigureAwait(false);
        }

        if (!Directory.Exists(layout.ChrootRoot))
        {
            return;
        }

        foreach (var user in Directory.EnumerateDirectories(layout.ChrootRoot))
        {
            foreach (var share in Directory.EnumerateDirectories(user))
            {
                _ = DeleteIfEmpty(share);
            }

            if (!DeleteIfEmpty(user))
            {
                logger.LogWarning("{Folder} is not empty and stays", user);
            }
        }
    }

    /// <summary>umount; a mount still busy (a session not yet gone) is detached lazily, so it goes with the last process that holds it.</summary>
    private async Task UnmountAsync(string mountPoint, CancellationToken ct)
    {
        if (!mounts.MountPointsUnder(mountPoint).Contains(mountPoint))
        {
            return;
        }

        try
        {
            await runner.RunAsync("umount", [mountPoint], $"Could not take {mountPoint} out of an SFTP user's view", ct).ConfigureAwait(false);
        }
        catch (Domain.Common.StorageCommandException e)
        {
            logger.LogWarning(e, "{MountPoint} was busy; detaching it lazily", mountPoint);
            await runner.RunAsync("umount", ["--lazy", mountPoint], $"Could not take {mountPoint} out of an SFTP user's view", ct).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the folder when it is empty (never what is in it); false when it stays.</summary>
    private static bool DeleteIfEmpty(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return true;
        }

        if (Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return false;
        }

        Directory.Delete(folder, recursive: false);
        return true;
    }
}
