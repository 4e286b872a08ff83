using System.Globalization;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Snapshots.Files;

/// <summary>
/// Puts chosen files or folders of a snapshot back into its live share: beside the current ones as
/// "name (restored 2026-11-30)", or in their place, after a read-only snapshot of the share keeps what
/// they replace. Copies share their blocks with the snapshot where btrfs can (reflinks), so even a large
/// folder comes back in moments. Every path is checked on both sides: nothing is read from outside the
/// snapshot and nothing is written through a link in the share.
/// </summary>
public sealed class SnapshotRestoreService(
    ISnapshotRepository snapshots,
    IShareRepository shares,
    SnapshotService snapshotService,
    ISnapshotFiles files,
    StorageLayout layout,
    StorageLock storageLock,
    TimeProvider time)
{
    public const int MaxPaths = 1000;

    /// <summary>
    /// Restores the chosen paths one after another, telling <paramref name="progress"/> how many of their
    /// entries are copied. Stopped (<paramref name="ct"/>) or failing part-way, the path under way is undone:
    /// its partial copy removed and, in place, the version it replaced put back from the snapshot kept first;
    /// the paths restored before it stay restored.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(
        string shareName,
        string snapshotName,
        IReadOnlyList<string>? paths,
        string? mode,
        CancellationToken ct,
        IProgress<RestoreProgress>? progress = null)
    {
        var snapshot = snapshots.Find(shareName, snapshotName) ?? throw new NotFoundException($"Share '{Echo.Of(shareName)}' has no snapshot named '{Echo.Of(snapshotName)}'.");
        var share = shares.Find(snapshot.Share) ?? throw new NotFoundException($"There is no share named '{Echo.Of(shareName)}'.");
        if (share.Kind != ShareKind.Regular)
        {
            throw new ConflictException($"'{share.Name}' is a replica, which holds received snapshots only: download the files, or clone the snapshot into a share.");
        }

        var how = RestoreModes.Parse(mode);
        var chosen = Chosen(paths, snapshot.Path);
        var shareRoot = layout.SharePath(share.Pool, share.Name);
        foreach (var path in chosen)
        {
            if (files.Inspect(shareRoot, path) == LiveEntry.NoFolder)
            {
                throw new ConflictException($"The folder '{Parent(path)}' is no longer in the share: restore that folder instead of '{path}'.");
            }
        }

        // Counted off the caller's thread (a screen's): a folder of a million files takes a while to walk.
        var total = await Task.Run(() => chosen.Sum(p => 1 + (files.Stat(snapshot.Path, p).Kind == SnapshotEntryKind.Folder ? files.Walk(snapshot.Path, p).Count() : 0)), ct)
            .ConfigureAwait(false);
        var step = Math.Max(1, total / 200); // told at most every half percent
        var kept = how == RestoreMode.Replace ? await snapshotService.KeepAsync(share.Name, "before-restore-", ct).ConfigureAwait(false) : null;
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var restored = new List<RestoredFile>();
        var done = 0;
        foreach (var path in chosen)
        {
            var target = how == RestoreMode.Replace ? path : Beside(shareRoot, path);
            var replaced = how == RestoreMode.Replace && files.Inspect(shareRoot, target) == LiveEntry.Present;
            if (replaced && files.Inspect(kept!.Path, target) != LiveEntry.Present)
            {
                // It appeared after the share was kept: replacing it would lose it.
                throw new ConflictException($"'{target}' appeared in the share while the restore began; restore it beside, or try again.");
            }

            var before = done;
            progress?.Report(new RestoreProgress(done, total, path.ToString()));
            try
            {
                if (replaced)
                {
                    files.Remove(shareRoot, target);
                }

                var told = done;
                await files.CopyAsync(
                        snapshot.Path,
                        path,
                        shareRoot,
                        target,
                        new Progress(n =>
                        {
                            done = before + n;
                            if (done - told >= step)
                            {
                                told = done;
                                progress?.Report(new RestoreProgress(done, total, path.ToString()));
                            }
                        }),
                        ct)
                    .ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await UndoAsync(shareRoot, target, replaced ? kept : null, e).ConfigureAwait(false);
                throw;
            }

            restored.Add(new RestoredFile(path.ToString(), target.ToString()));
        }

        progress?.Report(new RestoreProgress(total, total, ""));
        return new RestoreResult(restored, kept?.Name);
    }

    /// <summary>
    /// A path whose restore stopped part-way: its partial copy goes, and what it replaced comes back from the
    /// snapshot kept first. When that cannot be done, the sentence says where the replaced version is.
    /// </summary>
    private async Task UndoAsync(string shareRoot, SnapshotFilePath target, Snapshot? kept, Exception stopped)
    {
        try
        {
            if (files.Inspect(shareRoot, target) == LiveEntry.Present)
            {
                files.Remove(shareRoot, target);
            }

            if (kept is not null)
            {
                await files.CopyAsync(kept.Path, target, shareRoot, target, copied: null, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RockstorException e)
        {
            throw new ConflictException(
                $"The restore of '{target}' stopped part-way ({(stopped is OperationCanceledException ? "cancelled" : stopped.Message)}), and undoing it failed: {e.Message}"
                + (kept is null ? "" : $" What it replaced is in snapshot '{kept.Name}'."));
        }
    }

    /// <summary>Reports synchronously (the copy's lines come in order; a <see cref="Progress{T}"/> would post them out of order).</summary>
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>The paths asked for, each a file or a folder of the snapshot; one inside another is restored with it.</summary>
    private List<SnapshotFilePath> Chosen(IReadOnlyList<string>? paths, string snapshotRoot)
    {
        var asked = paths ?? [];
        if (asked.Count == 0 || asked.Count > MaxPaths)
        {
            throw new ValidationException($"Choose 1 to {MaxPaths} files or folders to restore.");
        }

        var parsed = asked.Select(SnapshotFilePath.Parse).Distinct().ToList();
        if (parsed.Any(p => p.IsTop))
        {
            throw new ValidationException("The whole snapshot is not restored file by file: choose files or folders in it, or roll the share back.");
        }

        foreach (var path in parsed)
        {
            var entry = files.Stat(snapshotRoot, path);
            if (entry.Kind is not (SnapshotEntryKind.File or SnapshotEntryKind.Folder))
            {
                throw new ValidationException($"'{path}' is a link or a special file: only files and folders are restored.");
            }
        }

        return parsed.Where(p => !parsed.Any(o => o.Names.Count < p.Names.Count && o.Names.SequenceEqual(p.Names.Take(o.Names.Count), StringComparer.Ordinal))).ToList();
    }

    /// <summary>"report (restored 2026-11-30).pdf" beside "report.pdf"; a time, then a number, when that is taken too.</summary>
    private SnapshotFilePath Beside(string shareRoot, SnapshotFilePath path)
    {
        var now = time.GetUtcNow();
        var name = path.Name;
        var dot = name.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (name[..dot], name[dot..]) : (name, "");
        var parent = SnapshotFilePath.Parse(Parent(path));
        var stamps = new[] { now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now.ToString("yyyy-MM-dd HH-mm-ss", CultureInfo.InvariantCulture) };
        foreach (var stamp in stamps)
        {
            var candidate = parent.Child($"{stem} (restored {stamp}){extension}");
            if (files.Inspect(shareRoot, candidate) == LiveEntry.Missing)
            {
                return candidate;
            }
        }

        for (var i = 2; ; i++)
        {
            var candidate = parent.Child($"{stem} (restored {stamps[1]} {i}){extension}");
            if (files.Inspect(shareRoot, candidate) == LiveEntry.Missing)
            {
                return candidate;
            }
        }
    }

    private static string Parent(SnapshotFilePath path) => "/" + string.Join('/', path.Names.Take(path.Names.Count - 1));
}
