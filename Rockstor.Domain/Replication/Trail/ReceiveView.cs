namespace Rockstor.Domain.Replication.Trail;

/// <summary>An incoming replica as the Receive screen shows it.</summary>
public sealed record ReceiveView(IncomingReplica Replica, string SenderHostname, Attempt? Latest);
