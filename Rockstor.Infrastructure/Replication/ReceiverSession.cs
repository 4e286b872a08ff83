using Microsoft.Extensions.Logging;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Infrastructure.Replication;

/// <summary>The receiving side of one connection from an authenticated, paired sender.</summary>
internal static class ReceiverSession
{
    /// <summary>How long the receiver waits for the sender's hello after the handshake.</summary>
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a failed receive keeps reading (and dropping) data until the sender has heard its verdict.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serves one connection. <paramref name="idleLimit"/> bounds every wait for the sender after its hello:
    /// for its offer, and for its next bytes while the stream flows.
    /// </summary>
    public static async Task RunAsync(Stream tls, PairedAppliance sender, IReplicationReceiver receiver, ILogger logger, TimeSpan idleLimit, CancellationToken ct)
    {
        var hello = await ReadAsync<ReplicationHello>(tls, FrameType.Hello, HelloTimeout, sender, receiver, ct, versioned: true).ConfigureAwait(false);
        if (hello is null)
        {
            return;
        }

        try
        {
            await Frames.WriteJsonAsync(tls, FrameType.Welcome, Frames.Versioned(receiver.Hello(sender, hello)), ct).ConfigureAwait(false);
        }
        catch (ReplicationRefusedException e)
        {
            logger.LogWarning("Refused task {TaskId} of {Sender} ({SenderId}): {Reason}", hello.TaskId, sender.Hostname, sender.Id, e.Message);
            await Frames.WriteJsonAsync(tls, FrameType.Refuse, new RefuseBody(e.Message, e.Transient), ct).ConfigureAwait(false);
            return;
        }

        var offer = await ReadAsync<ReplicationOffer>(tls, FrameType.Offer, idleLimit, sender, receiver, ct).ConfigureAwait(false);
        if (offer is null)
        {
            return;
        }

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

        // The stream is read straight off the connection as btrfs receive (or the spool) asks for it: the
        // socket's buffer and btrfs receive's widened pipe let each side run ahead of the other (ADR-010).
        using var stream = new FramedReadStream(tls, idleLimit, plan.Resume);
        ReplicationVerdict verdict;
        await using (var applying = new ApplyingNews(tls, ct))
        {
            verdict = await receiver.ReceiveAsync(plan, stream, applying, ct).ConfigureAwait(false);
        }
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

    /// <summary>
    /// Reads the next control frame within <paramref name="limit"/>. One that does not come in time, is
    /// not the expected one or cannot be read is answered with a Refuse frame (when the sender still
    /// listens), recorded, and null returned: the connection then closes.
    /// </summary>
    private static async Task<T?> ReadAsync<T>(Stream tls, FrameType type, TimeSpan limit, PairedAppliance sender, IReplicationReceiver receiver, CancellationToken ct, bool versioned = false)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        string reason;
        try
        {
            var body = (await Frames.ExpectAsync(tls, timeout.Token, type).ConfigureAwait(false)).Body;
            if (!versioned || Frames.ProtocolOf(body) == Frames.Protocol)
            {
                return body.As<T>();
            }

            reason = $"{sender.Hostname} speaks version {Frames.ProtocolOf(body)} of the replication protocol and this appliance version {Frames.Protocol}: update both appliances to the same release.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            reason = $"No {type} came within {limit.TotalSeconds:0} s; the connection was closed.";
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            reason = $"The {type} could not be read; the connection was closed.";
        }

        receiver.Refused(sender, reason);
        try
        {
            using var answer = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Frames.WriteJsonAsync(tls, FrameType.Refuse, new RefuseBody(reason), answer.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The sender is gone or does not read: the refusal is recorded here all the same.
        }

        return null;
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
