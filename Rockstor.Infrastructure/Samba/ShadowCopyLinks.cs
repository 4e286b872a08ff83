using System.Globalization;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// Shows a share's snapshots to Samba's shadow_copy2 as previous versions. Snapshot names are the admin's
/// (or replication's), not times, so each share gets a folder of links named by the snapshot's creation
/// time in UTC (@GMT-2026.11.30-10.00.00) that lead to the snapshots. The folder is rebuilt whenever the
/// share's snapshots change; two snapshots made in the same second show as the older one.
/// </summary>
public sealed class ShadowCopyLinks(SambaLayout layout)
{
    public string Directory(string share) => Path.Combine(layout.Root, "shadow", share);

    /// <summary>Where a replica share is served from: a link to its newest snapshot, replaced when a newer one arrives.</summary>
    public string ReplicaPath(string share) => Path.Combine(layout.Root, "replicas", share);

    public static string LinkName(DateTimeOffset createdAt) =>
        "@GMT-" + createdAt.UtcDateTime.ToString("yyyy.MM.dd-HH.mm.ss", CultureInfo.InvariantCulture);

    /// <summary>Makes the share's links match its snapshots: missing ones made, stale ones removed.</summary>
    public void Refresh(string share, IReadOnlyList<Snapshot> snapshots)
    {
        var folder = System.IO.Directory.CreateDirectory(Directory(share)).FullName;
        var wanted = snapshots
            .OrderBy(s => s.CreatedAt)
            .GroupBy(s => LinkName(s.CreatedAt))
            .ToDictionary(g => g.Key, g => g.First().Path, StringComparer.Ordinal);
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            if (!wanted.TryGetValue(name, out var target) || new FileInfo(entry).LinkTarget != target)
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

    /// <summary>Points the replica's served path at its newest snapshot (by a rename, so a client never sees it missing); false when it has none.</summary>
    public bool PointReplica(string share, IReadOnlyList<Snapshot> snapshots)
    {
        var path = ReplicaPath(share);
        var newest = snapshots.MaxBy(s => s.CreatedAt);
        if (newest is null)
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                File.Delete(path);
            }

            return false;
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (new FileInfo(path).LinkTarget != newest.Path)
        {
            var staged = path + ".new";
            File.Delete(staged);
            File.CreateSymbolicLink(staged, newest.Path);
            File.Move(staged, path, overwrite: true);
        }

        return true;
    }

    /// <summary>Removes the links of shares no longer exported with previous versions.</summary>
    public void RemoveAllBut(IReadOnlySet<string> shares)
    {
        foreach (var kind in new[] { "shadow", "replicas" })
        {
            var folder = Path.Combine(layout.Root, kind);
            if (!System.IO.Directory.Exists(folder))
            {
                continue;
            }

            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(folder).Where(e => !shares.Contains(Path.GetFileName(e))))
            {
                if (new FileInfo(entry).LinkTarget is not null)
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
