using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots.Files;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Snapshots;

/// <summary>
/// A snapshot's folder tree read from the disk. A path is joined under the snapshot's root one name at a
/// time, and each name is looked at without following it (lstat): a link on the way is refused, so a
/// link that points out of the snapshot (to /etc, to another share) leads nowhere. Snapshots are
/// read-only subvolumes, so nothing changes between the look and the read. A restore writes into a live
/// share the same way: no folder on the way to its target may be a link.
/// </summary>
public sealed class SnapshotFiles(CommandRunner runner) : ISnapshotFiles
{
    public SnapshotEntry Stat(string root, SnapshotFilePath path) => EntryOf(Resolve(root, path), path.Name);

    public SnapshotFolderPage List(string root, SnapshotFilePath folder, string? search, int skip, int take)
    {
        if (Resolve(root, folder) is not DirectoryInfo directory)
        {
            throw new ValidationException($"'{folder}' is a file, not a folder.");
        }

        var matching = directory.EnumerateFileSystemInfos()
            .Where(i => search is null || i.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Select(i => EntryOf(i, i.Name))
            .OrderBy(e => e.Kind == SnapshotEntryKind.Folder ? 0 : 1)
            .ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return new SnapshotFolderPage(folder, matching.Skip(skip).Take(take).ToList(), matching.Count);
    }

    public Stream OpenRead(string root, SnapshotFilePath file) =>
        Resolve(root, file) is FileInfo found
            ? new FileStream(found.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true)
            : throw new ValidationException($"'{file}' is a folder, not a file.");

    public IEnumerable<(SnapshotFilePath Path, SnapshotEntry Entry)> Walk(string root, SnapshotFilePath folder)
    {
        if (Resolve(root, folder) is not DirectoryInfo top)
        {
            throw new ValidationException($"'{folder}' is a file, not a folder.");
        }

        var pending = new Stack<(DirectoryInfo Directory, SnapshotFilePath Path)>();
        pending.Push((top, SnapshotFilePath.Top));
        while (pending.Count > 0)
        {
            var (directory, path) = pending.Pop();
            foreach (var info in directory.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                var entry = EntryOf(info, info.Name);
                var below = path.Child(info.Name);
                if (entry.Kind == SnapshotEntryKind.Folder)
                {
                    yield return (below, entry);
                    pending.Push(((DirectoryInfo)info, below));
                }
                else if (entry.Kind == SnapshotEntryKind.File)
                {
                    yield return (below, entry);
                }
            }
        }
    }

    public LiveEntry Inspect(string shareRoot, SnapshotFilePath path)
    {
        var folder = shareRoot;
        for (var i = 0; i < path.Names.Count - 1; i++)
        {
            folder = Path.Combine(folder, path.Names[i]);
            if (new FileInfo(folder).LinkTarget is not null)
            {
                throw new ValidationException($"'{path.Names[i]}' in the share is a link: a restore does not write through links. Restore into a folder that is not a link.");
            }

            if (!Directory.Exists(folder))
            {
                return LiveEntry.NoFolder;
            }
        }

        var target = Path.Combine(shareRoot, Path.Combine([.. path.Names]));
        return new FileInfo(target).LinkTarget is not null || File.Exists(target) || Directory.Exists(target) ? LiveEntry.Present : LiveEntry.Missing;
    }

    public void Remove(string shareRoot, SnapshotFilePath path)
    {
        if (Inspect(shareRoot, path) != LiveEntry.Present)
        {
            return;
        }

        var target = Path.Combine(shareRoot, Path.Combine([.. path.Names]));
        if (new FileInfo(target).LinkTarget is null && Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true); // links inside are removed, never followed
        }
        else
        {
            File.Delete(target);
        }
    }

    public Task CopyAsync(string snapshotRoot, SnapshotFilePath from, string shareRoot, SnapshotFilePath to, IProgress<int>? copied, CancellationToken ct)
    {
        var source = Resolve(snapshotRoot, from).FullName;
        if (Inspect(shareRoot, to) != LiveEntry.Missing)
        {
            throw new ConflictException($"'{to}' is already in the share.");
        }

        // cp says each entry it copied on a line of its own (-v): counted, they are the copy's progress.
        var target = Path.Combine(shareRoot, Path.Combine([.. to.Names]));
        var count = 0;
        return runner.RunAsync(
            "cp",
            ["-a", "-v", "--reflink=auto", "--no-target-directory", "--", source, target],
            _ => copied?.Report(++count),
            $"Could not restore '{from}'",
            ct);
    }

    /// <summary>Walks from the root name by name without following a link; what is at the end, or a sentence.</summary>
    private static FileSystemInfo Resolve(string root, SnapshotFilePath path)
    {
        FileSystemInfo current = new DirectoryInfo(root);
        if (!current.Exists)
        {
            throw new NotFoundException("The snapshot's folder is not on the disk (is its pool mounted?).");
        }

        foreach (var name in path.Names)
        {
            if (current is not DirectoryInfo directory)
            {
                throw new NotFoundException($"There is nothing at '{path}' in the snapshot.");
            }

            var next = Path.Combine(directory.FullName, name);
            var look = new FileInfo(next);
            if (look.LinkTarget is not null)
            {
                throw new ValidationException($"'{path}' goes through a link ('{name}'); links in a snapshot are shown but never followed.");
            }

            current = Directory.Exists(next) ? new DirectoryInfo(next) : look;
            if (!current.Exists)
            {
                throw new NotFoundException($"There is nothing at '{path}' in the snapshot.");
            }
        }

        return current;
    }

    private static SnapshotEntry EntryOf(FileSystemInfo info, string name)
    {
        var kind = info.LinkTarget is not null ? SnapshotEntryKind.Link
            : info is DirectoryInfo ? SnapshotEntryKind.Folder
            : info.Attributes.HasFlag(FileAttributes.Device) ? SnapshotEntryKind.Other
            : SnapshotEntryKind.File;
        var size = kind == SnapshotEntryKind.File ? ((FileInfo)info).Length : 0;
        return new SnapshotEntry(name, kind, size, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
    }
}
