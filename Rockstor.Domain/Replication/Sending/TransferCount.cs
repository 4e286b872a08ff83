namespace Rockstor.Domain.Replication.Sending;

/// <summary>
/// A sending transfer's counts: bytes that crossed the link, how much of the send stream they carried
/// (with what a resumed try skipped), and how much of a spooled stream the destination has applied.
/// </summary>
public readonly record struct TransferCount(long LinkBytes, long StreamBytes, long AppliedBytes = 0)
{
    /// <summary>Grows whenever anything moves: what a stall watchdog watches.</summary>
    public long Moved => LinkBytes + StreamBytes + AppliedBytes;
}
