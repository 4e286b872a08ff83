namespace Rockstor.Domain.Shares;

public enum ShareKind
{
    /// <summary>A subvolume at the top of its pool.</summary>
    Regular,

    /// <summary>Made by replication on the receiving side: it has no subvolume of its own, only its received snapshots.</summary>
    Replica,
}

/// <summary>A btrfs subvolume at the top of a pool, or a replica share whose content is its received snapshots.</summary>
public sealed class Share
{
    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Uuid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ShareKind Kind { get; init; } = ShareKind.Regular;
}

public sealed record ShareView(Share Share, string Path, long UsedBytes);

public interface IShareRepository
{
    IReadOnlyList<Share> List();

    IReadOnlyList<Share> ListInPool(string pool);

    Share? Find(string name);

    void Add(Share share);

    void Remove(string name);
}
