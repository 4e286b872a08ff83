
namespace Rockstor.Web.Api;

public sealed record RollbackResult(string Share, string Snapshot, string KeptAs);
