namespace Rockstor.Domain.Replication.Listening;

/// <summary>Where the Replication service listens: one of this machine's addresses (null: all of them) and a port.</summary>
public sealed record ReplicationListenerSettings(string? ListenAddress, int Port);
