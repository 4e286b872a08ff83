using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Infrastructure.Replication;

/// <summary>One run of a local task: btrfs send writes into a <see cref="LocalStreamPipe"/>, this appliance's receiver reads it.</summary>
internal sealed class LocalReplicationSession(
    IReplicationReceiver receiver,
    PairedAppliance self,
    ReplicationHello hello,
    ReplicationWelcome welcome,
    IAsyncDisposable targetPool,
    TimeProvider time)
    : IReplicationSession
{
    public ReplicationWelcome Welcome { get; } = welcome;

    public async Task<ReplicationVerdict> SendAsync(
        ReplicationOffer offer,
        Func<Stream, CancellationToken, Task> writeStream,
        Task<long> expectedBytes,
        SendOptions options,
        IProgress<TransferCount> progress,
        CancellationToken ct)
    {
        var plan = await receiver.OfferAsync(self, hello, offer, ct).ConfigureAwait(false);
        var pipe = new LocalStreamPipe(new Progress<long>(count => progress.Report(new TransferCount(count, count))));
        _ = expectedBytes.ContinueWith(t => pipe.Reader.Expect(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        // Cancelled by the admin, the receiver is told why (as a Cancel frame would tell a peer); then the stream ends.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var stopping = ct.Register(() =>
        {
            if (options.WhyStopped?.Invoke() is { } why)
            {
                pipe.Reader.Stopped(why);
            }

            pipe.Complete(new OperationCanceledException("The sender stopped the run."));
        });

        Stream into = pipe.Writer;
        if (options.BytesPerSecond is { } limit && limit > 0)
        {
            into = new RateLimitedStream(pipe.Writer, limit, time);
        }

        var writing = WriteAsync(pipe, into, writeStream, sending.Token);
        ReplicationVerdict verdict;
        await using (pipe.Reader)
        {
            verdict = await receiver.ReceiveAsync(plan, pipe.Reader, new Progress<long>(), CancellationToken.None).ConfigureAwait(false);
        }

        if (!writing.IsCompleted)
        {
            // The receive ended first (it failed, or was cancelled): btrfs send stops too.
            await sending.CancelAsync().ConfigureAwait(false);
            pipe.Complete(new IOException("The receive ended before the stream did."));
        }

        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (Exception e) when (!verdict.Ok && !ct.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The receiver's verdict says why.
        }

        if (!verdict.Ok)
        {
            ct.ThrowIfCancellationRequested(); // stopped here: the run says cancelled, not the receiver's words
        }

        return verdict with { Bytes = pipe.Writer.Count, StreamBytes = pipe.Writer.Count };
    }

    /// <summary>Lets go of the target pool (a removable one is unmounted, so its disk can be pulled).</summary>
    public ValueTask DisposeAsync() => targetPool.DisposeAsync();

    private static async Task WriteAsync(LocalStreamPipe pipe, Stream into, Func<Stream, CancellationToken, Task> writeStream, CancellationToken ct)
    {
        try
        {
            await writeStream(into, ct).ConfigureAwait(false);
            pipe.Complete();
        }
        catch (Exception e)
        {
            pipe.Complete(e);
            throw;
        }
    }
}
