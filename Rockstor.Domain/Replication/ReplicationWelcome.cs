namespace Rockstor.Domain.Replication;

/// <summary>
/// The receiver's answer to a hello: the source uuids it holds snapshots of (their received uuids), and
/// the uuid of a snapshot whose resumable transfer was cut part-way (its spool holds some of it), if any;
/// and of the hello's base uuids, those it still holds as snapshots of a task of its own that sends to the
/// sender (so the sender already has their data), to build a first incremental on (ADR-033).
/// </summary>
public sealed record ReplicationWelcome(IReadOnlyList<string> ReceivedUuids, string? PartialUuid = null, IReadOnlyList<string>? Bases = null);
