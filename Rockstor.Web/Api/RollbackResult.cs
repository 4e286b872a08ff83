using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

public sealed record RollbackResult(string Share, string Snapshot, string KeptAs);
