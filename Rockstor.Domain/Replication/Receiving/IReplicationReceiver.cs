using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Replication.Receiving;

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
