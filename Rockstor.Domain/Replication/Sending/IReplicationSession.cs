namespace Rockstor.Domain.Replication.Sending;

/// <summary>An open connection to a destination that said hello back.</summary>
public interface IReplicationSession : IAsyncDisposable
{
    ReplicationWelcome Welcome { get; }

    /// <summary>
    /// Offers the snapshot; when accepted, <paramref name="writeStream"/> writes the btrfs send stream into
    /// the session, which holds it to the rate <paramref name="options"/> allow, compresses it if they say
    /// so, frames it, counts it (reporting to <paramref name="progress"/>), ends it with its length and
    /// SHA-256, and returns the receiver's verdict. The stream's estimated size, when
    /// <paramref name="expectedBytes"/> gives it (it may come while the data flows), is told to the receiver.
    /// </summary>
    Task<ReplicationVerdict> SendAsync(
        ReplicationOffer offer,
        Func<Stream, CancellationToken, Task> writeStream,
        Task<long> expectedBytes,
        SendOptions options,
        IProgress<TransferCount> progress,
        CancellationToken ct);
}
