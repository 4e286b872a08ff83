using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Replication;

/// <summary>
/// The sender's first words: which task, from which share, into which pool. With <see cref="Restore"/>
/// the sender is a destination sending a replica snapshot back to the task's source (failback).
/// </summary>
public sealed record ReplicationHello(int TaskId, string SourceShare, string TargetPool, int Keep, RestoreRequest? Restore = null);

/// <summary>
/// A failback's part of the hello: the one-time code of the restore the source's admin asked for (ADR-017).
/// What the snapshot becomes there (a new share, or the share rolled back) is the source's own record.
/// </summary>
public sealed record RestoreRequest(string? Code);

/// <summary>
/// The receiver's answer to a hello: the source uuids it holds snapshots of (their received uuids), and
/// the uuid of a snapshot whose resumable transfer was cut part-way (its spool holds some of it), if any.
/// </summary>
public sealed record ReplicationWelcome(IReadOnlyList<string> ReceivedUuids, string? PartialUuid = null);

/// <summary>
/// What is about to be sent: the snapshot, and the parent it is relative to (null: a full send);
/// <see cref="Resumable"/> when the receiver is to keep what arrives so a cut transfer can go on.
/// </summary>
public sealed record ReplicationOffer(string Snapshot, string SnapshotUuid, string? ParentUuid, bool Resumable = false);

/// <summary>
/// A sending transfer's counts: bytes that crossed the link, how much of the send stream they carried
/// (with what a resumed try skipped), and how much of a spooled stream the destination has applied.
/// </summary>
public readonly record struct TransferCount(long LinkBytes, long StreamBytes, long AppliedBytes = 0)
{
    /// <summary>Grows whenever anything moves: what a stall watchdog watches.</summary>
    public long Moved => LinkBytes + StreamBytes + AppliedBytes;
}

/// <summary>
/// The receiver's verdict after the stream: put in place, or why not. <see cref="Bytes"/> crossed the
/// link; <see cref="StreamBytes"/> is the send stream's own size (larger when it was compressed).
/// <see cref="Retry"/> when a new try may succeed (a resumed stream that did not match, which starts
/// over); <see cref="ResumedFrom"/> is where in the stream this try began.
/// </summary>
public sealed record ReplicationVerdict(bool Ok, string? Error, long Bytes, long StreamBytes = 0, bool Retry = false, long ResumedFrom = 0);

/// <summary>
/// The receiver said no, with its reason (recorded in the sender's trail). <see cref="Transient"/> when
/// asking again soon may succeed (it is still settling a receive that was cut).
/// </summary>
public sealed class ReplicationRefusedException(string reason, bool transient = false) : Common.RockstorException(reason)
{
    public bool Transient { get; } = transient;
}

/// <summary>The sending side of the peer replication socket.</summary>
public interface IReplicationTransport
{
    /// <summary>Connects to the destination (mutual TLS, pinned), says hello, and returns the open session.</summary>
    Task<IReplicationSession> ConnectAsync(PairedAppliance destination, int port, ReplicationHello hello, CancellationToken ct);
}

public interface IReplicationSession : IAsyncDisposable
{
    ReplicationWelcome Welcome { get; }

    /// <summary>
    /// Offers the snapshot; when accepted, <paramref name="writeStream"/> writes the btrfs send stream into
    /// the session, which frames it, counts it (reporting to <paramref name="progress"/>), ends it with
    /// its length and SHA-256, and returns the receiver's verdict. The stream's estimated size, when
    /// <paramref name="expectedBytes"/> gives it (it may come while the data flows), is told to the receiver.
    /// </summary>
    Task<ReplicationVerdict> SendAsync(
        ReplicationOffer offer,
        Func<Stream, CancellationToken, Task> writeStream,
        Task<long> expectedBytes,
        CompressionMode compression,
        IProgress<TransferCount> progress,
        CancellationToken ct);
}

/// <summary>
/// An accepted offer and the attempt that records it. For a resumable offer, <see cref="Resume"/> is what
/// the spool already holds (the sender skips that much).
/// </summary>
public abstract record ReceivePlan(Attempt Attempt, ReplicationOffer Offer, SpoolPrefix? Resume);

/// <summary>
/// A snapshot of a replicated share from <see cref="Sender"/>, received into the replica share's folder;
/// <see cref="Parent"/> is the replica's snapshot an incremental stream builds on.
/// </summary>
public sealed record ReplicaPlan(PairedAppliance Sender, IncomingReplica Replica, Attempt Attempt, ReplicationOffer Offer, int Keep, string Folder, Snapshot? Parent, SpoolPrefix? Resume = null)
    : ReceivePlan(Attempt, Offer, Resume);

/// <summary>A snapshot sent back by a replica for a restore asked for here (failback), received into a staging folder of the pool.</summary>
public sealed record RestorePlan(PairedAppliance Sender, ReplicationHello Hello, PendingRestore Restore, string Pool, string Folder, int? TaskId, Attempt Attempt, ReplicationOffer Offer)
    : ReceivePlan(Attempt, Offer, null);

/// <summary>What a spool holds of a stream: its length and the SHA-256 (hex) of those bytes.</summary>
public sealed record SpoolPrefix(long Length, string Sha256);

/// <summary>The resumed stream's first bytes differ from what the spool holds: the transfer starts over.</summary>
public sealed class StreamMismatchException(string message) : Common.RockstorException(message);

/// <summary>
/// The destination's spools of resumable transfers (ADR-013): in a folder of the target pool, one file
/// per snapshot being received, made durable as it grows, so a cut transfer goes on from where it was.
/// </summary>
public interface IReceiveSpool
{
    /// <summary>
    /// What the folder's spool of the offered snapshot durably holds (an empty prefix when none); the spool
    /// is cut back to that. Spools of other snapshots in the folder are deleted (they can never finish).
    /// </summary>
    Task<SpoolPrefix> PrepareAsync(string folder, ReplicationOffer offer, CancellationToken ct);

    /// <summary>
    /// Appends what <paramref name="from"/> gives to the spool, which holds <paramref name="offset"/> bytes,
    /// until it ends; durable as it grows and whatever stops it.
    /// </summary>
    Task AppendAsync(string folder, ReplicationOffer offer, long offset, Stream from, CancellationToken ct);

    /// <summary>The whole spooled stream, to read.</summary>
    Stream OpenRead(string folder, ReplicationOffer offer);

    /// <summary>The uuid of the snapshot whose stream the folder holds part of, if any.</summary>
    string? PartialUuid(string folder);

    /// <summary>Deletes the folder's spools.</summary>
    void Delete(string folder);

    /// <summary>
    /// Deletes the spool folders under <paramref name="root"/> (a pool's) in which nothing was written for
    /// <paramref name="idle"/>, and returns their names: transfers no sender came back for.
    /// </summary>
    IReadOnlyList<string> DeleteAbandoned(string root, TimeSpan idle, DateTimeOffset now);
}

/// <summary>The receiving side's decisions, called by the listener for an authenticated sender.</summary>
public interface IReplicationReceiver
{
    /// <summary>Answers a hello, or throws <see cref="ReplicationRefusedException"/>.</summary>
    ReplicationWelcome Hello(PairedAppliance sender, ReplicationHello hello);

    /// <summary>Accepts the offer before any data flows, or throws <see cref="ReplicationRefusedException"/> (recorded).</summary>
    Task<ReceivePlan> OfferAsync(PairedAppliance sender, ReplicationHello hello, ReplicationOffer offer, CancellationToken ct);

    /// <summary>
    /// Receives the offered snapshot from <paramref name="stream"/> (which ends where the sender's stream
    /// ends, and then tells its length and whether its SHA-256 matched), checks it and puts it in place.
    /// A spooled stream is applied after it arrived whole; <paramref name="applied"/> hears how far that got.
    /// </summary>
    Task<ReplicationVerdict> ReceiveAsync(ReceivePlan plan, ReceivedStream stream, IProgress<long> applied, CancellationToken ct);

    /// <summary>Ends an accepted offer whose data never came (the connection broke right after the accept).</summary>
    void Abandon(ReceivePlan plan, string reason);

    /// <summary>Records a connection refused before it could say hello (not a paired appliance).</summary>
    void Refused(string from, string reason);

    /// <summary>Records a paired sender's connection refused for what it sent (a frame that did not come, or could not be read).</summary>
    void Refused(PairedAppliance sender, string reason);
}

/// <summary>The data of one send as the receiver reads it.</summary>
public abstract class ReceivedStream : Stream
{
    /// <summary>After the stream ended: whether the length and SHA-256 the sender announced match what arrived.</summary>
    public abstract bool Intact { get; }

    /// <summary>Bytes that crossed the link.</summary>
    public abstract long Received { get; }

    /// <summary>Bytes of the send stream itself (after decompression).</summary>
    public abstract long StreamReceived { get; }

    /// <summary>The stream's size as the sender estimated it (0 until it says).</summary>
    public abstract long ExpectedBytes { get; }
}
