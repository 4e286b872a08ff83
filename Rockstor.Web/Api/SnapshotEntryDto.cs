using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Api;

/// <summary>One entry of a snapshot's folder: kind is "file", "folder", "link" or "other".</summary>
public sealed record SnapshotEntryDto(string Name, string Kind, long Size, DateTimeOffset ModifiedAt)
{
    public static SnapshotEntryDto From(SnapshotEntry e) => new(e.Name, e.Kind.ToString().ToLowerInvariant(), e.Size, e.ModifiedAt);
}
