namespace Rockstor.Web.Api;

/// <summary>
/// PUT /api/services/replication: on or off, and where it listens. A field left out stays as it is;
/// <c>listenAddress</c> "" (or "all") is all of this machine's addresses.
/// </summary>
public sealed record ReplicationServiceBody(bool? Enabled = null, string? ListenAddress = null, int? Port = null);
