using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

public sealed record CreateShareRequest(string? Pool, string? Name);
