namespace Rockstor.Domain.Storage;
/// <summary>A btrfs subvolume as btrfs reports it. <see cref="RelativePath"/> is from the filesystem's top level.</summary>
public sealed record Subvolume(
    long Id,
    string RelativePath,
    string Uuid,
    string? ParentUuid,
    string? ReceivedUuid,
    bool ReadOnly,
    DateTimeOffset? CreatedAt);
