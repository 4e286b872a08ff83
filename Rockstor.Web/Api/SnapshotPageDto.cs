using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

public sealed record SnapshotPageDto(IReadOnlyList<SnapshotDto> Items, int Total);
