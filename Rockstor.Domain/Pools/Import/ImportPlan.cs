using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Import;

/// <summary>
/// What an import makes of a filesystem's subvolumes, decided before anything is written:
/// <list type="bullet">
/// <item>a writable subvolume at the top becomes a share;</item>
/// <item>a subvolume already where this appliance keeps snapshots (.snapshots/&lt;share&gt;/&lt;name&gt;) is a
/// snapshot of that share; a folder there with received snapshots and no share of its name is a replica
/// share (what a destination receives into), so a rebuilt destination goes on receiving;</item>
/// <item>another read-only snapshot made from a share moves beside that share's snapshots;</item>
/// <item>received snapshots in a folder at the top make that folder a replica share, and the folder moves
/// whole under .snapshots (moving the folder, not them, keeps what makes later sends incremental);</item>
/// <item>everything else stays where it is, listed with why.</item>
/// </list>
/// </summary>
public sealed record ImportPlan(
    IReadOnlyList<string> Shares,
    IReadOnlyList<string> ReplicaShares,
    IReadOnlyList<ImportedSnapshot> Snapshots,
    IReadOnlyList<ImportMove> Moves,
    IReadOnlyList<string> Skipped)
{
    public static ImportPlan From(IReadOnlyList<Subvolume> subvolumes)
    {
        var shares = new Dictionary<string, Subvolume>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var top in subvolumes.Where(s => IsTopLevel(s) && !s.ReadOnly))
        {
            if (ResourceName.IsSafe(top.RelativePath))
            {
                shares[top.RelativePath] = top;
            }
            else
            {
                skipped.Add($"{top.RelativePath}: not a name a share can have; it stays where it is.");
            }
        }

        var byUuid = shares.Values.ToDictionary(s => s.Uuid, s => s.RelativePath, StringComparer.OrdinalIgnoreCase);
        var subvolumePaths = subvolumes.Select(s => s.RelativePath).ToHashSet(StringComparer.Ordinal);
        var snapshots = new List<ImportedSnapshot>();
        var moves = new List<ImportMove>();
        var folderMoves = new SortedSet<string>(StringComparer.Ordinal);
        var replicas = new SortedSet<string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subvolume in subvolumes.Where(s => !(IsTopLevel(s) && !s.ReadOnly)).OrderBy(s => s.RelativePath, StringComparer.Ordinal))
        {
            var path = subvolume.RelativePath;
            var received = subvolume.ReadOnly && subvolume.ReceivedUuid is not null;
            var parts = path.Split('/');
            if (StorageLayout.ParseSnapshotPath(path) is var (share, name))
            {
                if (!ResourceName.IsSafe(share) || !ResourceName.IsSafe(name))
                {
                    skipped.Add($"{path}: not a name a snapshot can have; it stays where it is.");
                }
                else if (shares.ContainsKey(share) || received)
                {
                    Add(share, name, path, received, isReplica: !shares.ContainsKey(share));
                }
                else
                {
                    skipped.Add($"{path}: a snapshot of '{share}', which is not on this filesystem; it stays where it is.");
                }
            }
            else if (!subvolume.ReadOnly)
            {
                skipped.Add($"{path}: a subvolume inside another; it stays where it is, reachable through the share around it.");
            }
            else if (!received && subvolume.ParentUuid is { } parent && byUuid.TryGetValue(parent, out var of))
            {
                var free = Free(of, parts[^1]);
                if (ResourceName.IsSafe(free))
                {
                    moves.Add(new ImportMove(path, Path.Combine(StorageLayout.SnapshotsFolder, of, free), Subvolume: true));
                }

                Add(of, free, path, received: false, isReplica: false);
            }
            else if (received && parts.Length == 2 && !parts[0].StartsWith('.') && ResourceName.IsSafe(parts[0])
                && !shares.ContainsKey(parts[0]) && !subvolumePaths.Contains(parts[0])
                && !subvolumePaths.Contains(Path.Combine(StorageLayout.SnapshotsFolder, parts[0])))
            {
                folderMoves.Add(parts[0]);
                Add(parts[0], parts[1], path, received: true, isReplica: true);
            }
            else if (received)
            {
                skipped.Add($"{path}: a received snapshot that is not in a folder of its own at the top; btrfs cannot move it without losing what makes later sends incremental, so it stays where it is.");
            }
            else
            {
                skipped.Add($"{path}: a read-only subvolume made from no share here; it stays where it is.");
            }
        }

        // Single snapshots move first: a folder moved whole afterwards takes only what is left in it.
        moves.AddRange(folderMoves.Select(f => new ImportMove(f, Path.Combine(StorageLayout.SnapshotsFolder, f), Subvolume: false)));
        return new ImportPlan([.. shares.Keys.Order(StringComparer.Ordinal)], [.. replicas], snapshots, moves, skipped);

        void Add(string share, string name, string from, bool received, bool isReplica)
        {
            if (!ResourceName.IsSafe(name))
            {
                skipped.Add($"{from}: not a name a snapshot can have; it stays where it is.");
                return;
            }

            if (isReplica)
            {
                replicas.Add(share);
            }

            taken.Add($"{share}/{name}");
            snapshots.Add(new ImportedSnapshot(share, name, from, received));
        }

        // A snapshot moved beside others keeps its name, with a number after it when the name is taken.
        string Free(string share, string name)
        {
            var candidate = name;
            for (var i = 2; taken.Contains($"{share}/{candidate}") || subvolumePaths.Contains(Path.Combine(StorageLayout.SnapshotsFolder, share, candidate)); i++)
            {
                candidate = $"{name}-{i}";
            }

            return candidate;
        }
    }

    private static bool IsTopLevel(Subvolume subvolume) => !subvolume.RelativePath.Contains('/', StringComparison.Ordinal);
}
