using Rockstor.Domain.Common;

namespace Rockstor.Domain.Snapshots.Files;

/// <summary>
/// Browsing a snapshot's files (a local snapshot or a received one): list a folder a page at a time,
/// search it by name, and read a file or a whole folder for a download. Snapshots are read-only
/// subvolumes, so what is listed does not change underneath.
/// </summary>
public sealed class SnapshotFileService(ISnapshotRepository snapshots, ISnapshotFiles files)
{
    public const int DefaultPage = 200;

    public const int MaxPage = 1000;

    public SnapshotFolderPage List(string share, string snapshot, string? path, string? search, int? skip, int? take)
    {
        var found = Require(share, snapshot);
        var folder = SnapshotFilePath.Parse(path);
        var from = skip ?? 0;
        var count = take ?? DefaultPage;
        if (from < 0 || count is < 1 or > MaxPage)
        {
            throw new ValidationException($"A page starts at 0 or later and holds 1 to {MaxPage} entries.");
        }

        if (search is { Length: > 255 })
        {
            throw new ValidationException("A search is at most 255 characters long.");
        }

        return files.List(found.Path, folder, string.IsNullOrWhiteSpace(search) ? null : search.Trim(), from, count);
    }

    /// <summary>What is at the path, with the snapshot's root to read it from.</summary>
    public (string Root, SnapshotFilePath Path, SnapshotEntry Entry) Find(string share, string snapshot, string? path)
    {
        var found = Require(share, snapshot);
        var parsed = SnapshotFilePath.Parse(path);
        return (found.Path, parsed, files.Stat(found.Path, parsed));
    }

    public Stream OpenRead(string root, SnapshotFilePath file) => files.OpenRead(root, file);

    public IEnumerable<(SnapshotFilePath Path, SnapshotEntry Entry)> Walk(string root, SnapshotFilePath folder) => files.Walk(root, folder);

    private Snapshot Require(string share, string name) =>
        snapshots.Find(share, name) ?? throw new NotFoundException($"Share '{Echo.Of(share)}' has no snapshot named '{Echo.Of(name)}'.");
}
