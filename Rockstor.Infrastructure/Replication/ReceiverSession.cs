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
            await Frames.WriteJsonAsync(tls, FrameType.Accept, new { }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            receiver.Abandon(plan, e.Message);
            throw;
        }

        using var framed = new FramedReadStream(tls, IdleLimit);
        using var stream = new ReadAheadStream(framed);
        var verdict = await receiver.ReceiveAsync(plan, stream, ct).ConfigureAwait(false);
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
