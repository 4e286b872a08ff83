using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// One connection of the <see cref="InProcessTransport"/>. The offer goes to the receiver; once accepted, the
/// sender's stream is written whole (what the receiver's spool holds is regenerated, not carried) and then
/// read by the receiver as a <see cref="WireStream"/>. The sender's cancellation closes the connection (the
/// receiver's read breaks) and the sender hears it as cancelled; a link that broke is heard as unreachable
/// (no verdict crosses a broken link); otherwise the receiver's verdict comes back.
/// </summary>
public sealed class InProcessSession(
    IReplicationReceiver receiver,
    PairedAppliance sender,
    string destination,
    ReplicationHello hello,
    ReplicationWelcome welcome,
    LinkFault fault) : IReplicationSession
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
        if (fault.ResetBeforeOffer is { } reset)
        {
            throw new IOException(reset);
        }

        if (fault.Refusal is { } refusal)
        {
            throw new ReplicationRefusedException($"{destination} refused: {refusal}", fault.RefusalTransient);
        }

        ReceivePlan plan;
        try
        {
            plan = await receiver.OfferAsync(sender, hello, offer, ct).ConfigureAwait(false);
        }
        catch (ReplicationRefusedException e)
        {
            throw new ReplicationRefusedException($"{destination} refused: {e.Message}", e.Transient);
        }

        var skip = plan.Resume?.Length ?? 0;
        byte[] sent;
        using (var written = new Written(progress, skip))
        {
            try
            {
                await writeStream(written, ct).ConfigureAwait(false);
            }
            catch
            {
                // The sender stopped part-way: the receiver's read breaks where the bytes stopped coming.
                var part = written.ToArray();
                await using var cut = new WireStream(part, LinkFault.Cut(Math.Max(0, part.Length - skip)), plan.Resume, 0);
                await receiver.ReceiveAsync(plan, cut, new Applied(progress, 0, 0), CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            sent = written.ToArray();
        }

        using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var estimate = expectedBytes.IsCompletedSuccessfully ? expectedBytes.Result : 0;
        ReplicationVerdict verdict;
        await using (var wire = new WireStream(sent, fault, plan.Resume, estimate, connection.Token))
        {
            verdict = await receiver.ReceiveAsync(plan, wire, new Applied(progress, sent.Length - skip, sent.Length), connection.Token).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (wire.Broken)
            {
                throw new PeerUnreachableException($"The connection to {destination} broke after {wire.Received} bytes.");
            }
        }

        return verdict with { Bytes = sent.Length - skip, StreamBytes = sent.Length, ResumedFrom = skip };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The stream as btrfs send writes it, each write counted (the first <paramref name="skip"/> bytes regenerated, not sent).</summary>
    private sealed class Written(IProgress<TransferCount> progress, long skip) : MemoryStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            progress.Report(new TransferCount(Math.Max(0, Length - skip), Length));
        }
    }

    /// <summary>What the receiver tells of a spooled stream being applied, heard as movement.</summary>
    private sealed class Applied(IProgress<TransferCount> progress, long link, long stream) : IProgress<long>
    {
        public void Report(long value) => progress.Report(new TransferCount(link, stream, value));
    }
}
