namespace Rockstor.Domain.Replication;

/// <summary>
/// The receiver's verdict after the stream: put in place, or why not. <see cref="Bytes"/> crossed the
/// link; <see cref="StreamBytes"/> is the send stream's own size (larger when it was compressed).
/// <see cref="Retry"/> when a new try may succeed (a resumed stream that did not match, which starts
/// over); <see cref="ResumedFrom"/> is where in the stream this try began. <see cref="Cancelled"/> when the
/// receiver's admin stopped it: the sender ends the run as cancelled and does not try again.
/// </summary>
public sealed record ReplicationVerdict(bool Ok, string? Error, long Bytes, long StreamBytes = 0, bool Retry = false, long ResumedFrom = 0, bool Cancelled = false);
