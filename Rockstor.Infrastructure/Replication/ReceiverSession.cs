using Microsoft.Extensions.Logging;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;

namespace Rockstor.Infrastructure.Replication;

/// <summary>The receiving side of one connection from an authenticated, paired sender.</summary>
internal static class ReceiverSession
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a receive waits for the sender's next bytes before it gives up.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(2);

    /// <summary>How long a failed receive keeps reading (and dropping) data until the sender has heard its verdict.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(Stream tls, PairedAppliance sender, IReplicationReceiver receiver, ILogger logger, CancellationToken ct)
    {
        ReplicationHello hello;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(HelloTimeout);
            hello = (await Frames.ExpectAsync(tls, timeout.Token, FrameType.Hello).ConfigureAwait(false)).Body.As<ReplicationHello>();
        }

        try
        {
            await Frames.WriteJsonAsync(tls, FrameType.Welcome, receiver.Hello(sender, hello), ct).ConfigureAwait(false);
        }
        catch (ReplicationRefusedException e)
        {
            logger.LogWarning("Refused task {TaskId} of {Sender} ({SenderId}): {Reason}", hello.TaskId, sender.Hostname, sender.Id, e.Message);
            await Frames.WriteJsonAsync(tls, FrameType.Refuse, new RefuseBody(e.Message, e.Transient), ct).ConfigureAwait(false);
            return;
        }

        var offer = (await Frames.ExpectAsync(tls, ct, FrameType.Offer).ConfigureAwait(false)).Body.As<ReplicationOffer>();
        ReceivePlan plan;
        try
        {
            plan = await receiver.OfferAsync(sender, hello, offer, ct).ConfigureAwait(false);
        }
        catch (ReplicationRefusedException e)
        {
            logger.LogWarning("Refused {Snapshot} of {Sender} ({SenderId}): {Reason}", offer.Snapshot, sender.Hostname, sender.Id, e.Message);
            await Frames.WriteJsonAsync(tls, FrameType.Refuse, new RefuseBody(e.Message, e.Transient), ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await Frames.WriteJsonAsync(tls, FrameType.Accept, new AcceptBody(plan.Resume?.Length ?? 0), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            receiver.Abandon(plan, e.Message);
            throw;
        }

        using var framed = new FramedReadStream(tls, IdleLimit, plan.Resume);
        using var stream = new ReadAheadStream(framed);
        ReplicationVerdict verdict;
        await using (var applying = new ApplyingNews(tls, ct))
        {
            verdict = await receiver.ReceiveAsync(plan, stream, applying, ct).ConfigureAwait(false);
        }

        await stream.StopAsync().ConfigureAwait(false);
        if (verdict.Ok)
        {
            logger.LogInformation("Received {Snapshot} from {Sender} ({SenderId}): {Bytes} bytes", offer.Snapshot, sender.Hostname, sender.Id, verdict.Bytes);
        }
        else
        {
            logger.LogWarning("Receiving {Snapshot} from {Sender} ({SenderId}) failed: {Error}", offer.Snapshot, sender.Hostname, sender.Id, verdict.Error);
        }

        try
        {
            await Frames.WriteJsonAsync(tls, FrameType.Verdict, verdict, ct).ConfigureAwait(false);
            if (!verdict.Ok && !stream.Ended)
            {
                // The sender may still be writing: let it read the verdict and hang up, rather than
                // closing on unread data (which resets the connection and can lose the verdict).
                await DrainAsync(tls, ct).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The sender is gone (that is often why the receive failed); the verdict is in our trail.
        }
    }

    /// <summary>
    /// Tells the sender, once a second, how far btrfs receive has read a spooled stream, so its stall
    /// watchdog sees the run move while nothing crosses the link. Disposing stops it before the verdict.
    /// </summary>
    private sealed class ApplyingNews : IProgress<long>, IAsyncDisposable
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

        private readonly CancellationTokenSource _stop;
        private readonly Task _telling;
        private long _applied;

        public ApplyingNews(Stream tls, CancellationToken ct)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _telling = TellAsync(tls, _stop.Token);
        }

        public void Report(long value) => Interlocked.Exchange(ref _applied, value);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _telling.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // Stopped, or the sender is gone (the verdict will say so in our trail).
            }

            _stop.Dispose();
        }

        private async Task TellAsync(Stream tls, CancellationToken ct)
        {
            long told = 0;
            using var timer = new PeriodicTimer(Every);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var applied = Interlocked.Read(ref _applied);
                if (applied != told)
                {
                    told = applied;
                    await Frames.WriteJsonAsync(tls, FrameType.Applying, new ApplyingBody(applied), ct).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task DrainAsync(Stream tls, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(DrainLimit);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await tls.ReadAsync(buffer, limit.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
