namespace Rockstor.Domain.Replication.Listening;

/// <summary>
/// A change to where the Replication service listens. A null field stays as it is; an empty
/// <see cref="ListenAddress"/> means all of this machine's addresses.
/// </summary>
public sealed record ReplicationListenerRequest(string? ListenAddress = null, int? Port = null);
