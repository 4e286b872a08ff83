namespace Rockstor.Domain.Shares;

/// <summary>A btrfs subvolume at the top of a pool, or a replica share whose content is its received snapshots.</summary>
public sealed record Share
{
    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Uuid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ShareKind Kind { get; init; } = ShareKind.Regular;

    /// <summary>The user who owns the share's folder: root or a user the appliance manages.</summary>
    public string Owner { get; init; } = ShareAccess.Root;

    /// <summary>The folder's group: root, users or a group the appliance manages.</summary>
    public string Group { get; init; } = ShareAccess.Root;

    /// <summary>The folder's permissions as four octal digits ("0755").</summary>
    public string Mode { get; init; } = ShareAccess.DefaultMode;

    /// <summary>The most the share may hold (its quota group's limit); 0 for no limit.</summary>
    public long SizeLimitBytes { get; init; }

    public ShareCompression Compression { get; init; } = ShareCompression.Off;
}
