
namespace Rockstor.Web.Api;

public sealed record CreateSnapshotRequest(string? Name, bool Writable);
