namespace Rockstor.Domain.Shares;

/// <summary>A btrfs subvolume at the top of a pool.</summary>
public sealed class Share
{
    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Uuid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
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
