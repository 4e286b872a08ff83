namespace Rockstor.Domain.Snapshots;

/// <summary>A snapshot of a share: a btrfs subvolume under the pool's .snapshots/&lt;share&gt;/ folder.</summary>
public sealed class Snapshot
{
    public required string Share { get; init; }

    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Path { get; init; }

    public required bool ReadOnly { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Uuid { get; init; }

    public string? ParentUuid { get; init; }

    public string? ReceivedUuid { get; set; }

    /// <summary>The store key: unique per share and name.</summary>
    public string Key => KeyOf(Share, Name);

    public static string KeyOf(string share, string name) => $"{share}/{name}";
}

public sealed record SnapshotQuery(
    string? Share = null,
    string? Search = null,
    SnapshotSort Sort = SnapshotSort.CreatedAt,
    bool Descending = true,
    int Skip = 0,
    int Take = 50);

public enum SnapshotSort
{
    CreatedAt,
    Name,
    Share,
}

public sealed record SnapshotPage(IReadOnlyList<Snapshot> Items, int Total);

public interface ISnapshotRepository
{
    SnapshotPage Query(SnapshotQuery query);

    IReadOnlyList<Snapshot> ListForShare(string share);

    IReadOnlyList<Snapshot> ListInPool(string pool);

    Snapshot? Find(string share, string name);

    void Upsert(Snapshot snapshot);

    void Remove(string share, string name);

    /// <summary>Writes many changes in one transaction (a reconcile can bring thousands).</summary>
    void Apply(IReadOnlyCollection<Snapshot> upserts, IReadOnlyCollection<Snapshot> removals);

    int Count(string share);
}
