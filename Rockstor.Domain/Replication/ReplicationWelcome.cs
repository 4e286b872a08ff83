namespace Rockstor.Domain.Replication;

/// <summary>
/// The receiver's answer to a hello: the source uuids it holds snapshots of (their received uuids), and
/// the uuid of a snapshot whose resumable transfer was cut part-way (its spool holds some of it), if any.
/// </summary>
public sealed record ReplicationWelcome(IReadOnlyList<string> ReceivedUuids, string? PartialUuid = null);
