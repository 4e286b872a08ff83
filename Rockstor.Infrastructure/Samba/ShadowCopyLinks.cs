using System.Globalization;
using System.Runtime.InteropServices;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// Shows a share's snapshots to Samba's shadow_copy2 as previous versions. Snapshot names are the admin's
/// (or replication's), not times, so each share gets a folder of links named by the snapshot's creation
/// time in UTC (@GMT-2026.11.30-10.00.00) that lead to the snapshots. The links live in the pool's .samba
/// folder, which every user may pass through (smbd reads them as the user connected); the folder of a
/// share is rebuilt whenever its snapshots change. Two snapshots made in the same second show as the older.
/// </summary>
public sealed partial class ShadowCopyLinks(StorageLayout storage)
{
    private const UnixFileMode Passable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const string Versions = "versions";
    private const string Replicas = "replicas";

    public string Directory(string pool, string share) => Path.Combine(storage.SambaDirectory(pool), Versions, share);

    /// <summary>Where a replica share is served from: a link to its newest snapshot, replaced when a newer one arrives.</summary>
    public string ReplicaPath(string pool, string share) => Path.Combine(storage.SambaDirectory(pool), Replicas, share);

    public static string LinkName(DateTimeOffset createdAt) =>
        "@GMT-" + createdAt.UtcDateTime.ToString("yyyy.MM.dd-HH.mm.ss", CultureInfo.InvariantCulture);

    /// <summary>Makes the share's links match its snapshots: missing ones made, stale ones removed.</summary>
    public void Refresh(string pool, string share, IReadOnlyList<Snapshot> snapshots)
    {
        var folder = Passage(pool, Versions, share);
        var wanted = snapshots
            .OrderBy(s => s.CreatedAt)
            .GroupBy(s => LinkName(s.CreatedAt))
            .ToDictionary(g => g.Key, g => g.First().Path, StringComparer.Ordinal);
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(folder))
        {
            if (!wanted.TryGetValue(Path.GetFileName(entry), out var target) || new FileInfo(entry).LinkTarget != target)
            {
                File.Delete(entry);
            }
        }

        foreach (var (name, target) in wanted)
        {
            var link = Path.Combine(folder, name);
            if (new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, target);
            }
        }
    }

    /// <summary>Points the replica's served path at its newest snapshot (by a rename, so a client never sees it missing); removes it when there is none.</summary>
    public void PointReplica(string pool, string share, IReadOnlyList<Snapshot> snapshots)
    {
        var path = ReplicaPath(pool, share);
        var newest = snapshots.MaxBy(s => s.CreatedAt);
        if (newest is null)
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                File.Delete(path);
            }

            return;
        }

        Passage(pool, Replicas);
        if (new FileInfo(path).LinkTarget != newest.Path)
        {
            var staged = path + ".new";
            File.Delete(staged);
            File.CreateSymbolicLink(staged, newest.Path);
            Replace(staged, path);
        }
    }

    /// <summary>Removes, in the pools given, the links of shares that are not kept (no longer exported with them).</summary>
    public void RemoveAllBut(IEnumerable<string> pools, IReadOnlySet<(string Pool, string Share)> kept)
    {
        foreach (var pool in pools)
        {
            foreach (var kind in new[] { Versions, Replicas })
            {
                var folder = Path.Combine(storage.SambaDirectory(pool), kind);
                if (!System.IO.Directory.Exists(folder))
                {
                    continue;
                }

                foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(folder).Where(e => !kept.Contains((pool, Path.GetFileName(e)))))
                {
                    if (new FileInfo(entry).LinkTarget is not null || File.Exists(entry))
                    {
                        File.Delete(entry);
                    }
                    else
                    {
                        System.IO.Directory.Delete(entry, recursive: true); // a folder of links: the links go, never what they lead to
                    }
                }
            }
        }
    }

    /// <summary>Makes the pool's .samba folder and the folders below it, each one every user may pass through.</summary>
    private string Passage(string pool, params string[] below)
    {
        var path = storage.SambaDirectory(pool);
        foreach (var part in below.Prepend(""))
        {
            path = part.Length == 0 ? path : Path.Combine(path, part);
            System.IO.Directory.CreateDirectory(path).UnixFileMode = Passable; // (the appliance's umask would close it)
        }

        return path;
    }

    /// <summary>rename(2): swaps a link in one step (File.Move would follow it to its folder and refuse).</summary>
    private static void Replace(string from, string to)
    {
        if (RenameLink(from, to) != 0)
        {
            throw new IOException($"Could not move {from} to {to}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameLink(string from, string to);
}
