namespace Rockstor.Domain.Shares;
/// <summary>A btrfs subvolume at the top of a pool, or a replica share whose content is its received snapshots.</summary>
public sealed class Share
{
    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Uuid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ShareKind Kind { get; init; } = ShareKind.Regular;
}
