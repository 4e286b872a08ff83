namespace Rockstor.Domain.Snapshots.Files;

/// <summary>
/// Reading inside a snapshot's folder tree on disk. Every path is joined under <c>root</c> name by name,
/// and a name that is a link on the way is refused, never followed: nothing outside the snapshot can be
/// reached through it.
/// </summary>
public interface ISnapshotFiles
{
    /// <summary>The entry at the path (the top is a folder); a sentence when there is none.</summary>
    SnapshotEntry Stat(string root, SnapshotFilePath path);

    /// <summary>A page of the folder's entries whose name holds <paramref name="search"/> (any case), folders first then by name.</summary>
    SnapshotFolderPage List(string root, SnapshotFilePath folder, string? search, int skip, int take);

    /// <summary>The file's bytes, for reading.</summary>
    Stream OpenRead(string root, SnapshotFilePath file);

    /// <summary>Every file and folder under the folder, depth first, as paths below it (links and other kinds left out).</summary>
    IEnumerable<(SnapshotFilePath Path, SnapshotEntry Entry)> Walk(string root, SnapshotFilePath folder);

    /// <summary>What is at the path in a live share, walking to it without following a link; a link on the way is refused.</summary>
    LiveEntry Inspect(string shareRoot, SnapshotFilePath path);

    /// <summary>Removes what is at the path in a live share (a link itself, never what it points to).</summary>
    void Remove(string shareRoot, SnapshotFilePath path);

    /// <summary>Copies a file or folder from a snapshot into a live share with its owners, modes and times (links copied as links).</summary>
    Task CopyAsync(string snapshotRoot, SnapshotFilePath from, string shareRoot, SnapshotFilePath to, IProgress<int>? copied, CancellationToken ct);
}
