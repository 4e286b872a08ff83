using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Api;

/// <summary>A page of a snapshot's folder, with how many entries match in all.</summary>
public sealed record SnapshotFolderDto(string Path, int Total, IReadOnlyList<SnapshotEntryDto> Entries)
{
    public static SnapshotFolderDto From(SnapshotFolderPage page) => new(page.Path.ToString(), page.Total, page.Entries.Select(SnapshotEntryDto.From).ToList());
}
