
namespace Rockstor.Web.Api;

public sealed record SnapshotPageDto(IReadOnlyList<SnapshotDto> Items, int Total);
