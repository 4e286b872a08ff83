namespace Rockstor.Domain.Appliances;

/// <summary>The calls one appliance makes to another's management API, always over TLS with the pinned certificate.</summary>
public interface IPeerClient
{
    /// <summary>Connects with TLS and returns the fingerprint of the certificate the host presents (nothing else is sent).</summary>
    Task<string> ProbeFingerprintAsync(string host, int port, CancellationToken ct);

    Task<ApplianceCard> PairAsync(string host, int port, string pinnedFingerprint, PairingOffer offer, CancellationToken ct);

    /// <summary>Tells the peer to forget this appliance.</summary>
    Task ForgetAsync(PairedAppliance peer, string ownId, CancellationToken ct);

    /// <summary>Calls the peer with its pinned certificate and our credential; throws when it cannot be reached or refuses.</summary>
    Task HelloAsync(PairedAppliance peer, string ownId, CancellationToken ct);

    /// <summary>The peer's mounted pools, the targets it offers for replication.</summary>
    Task<IReadOnlyList<PeerPool>> ListPoolsAsync(PairedAppliance peer, string ownId, CancellationToken ct);

    /// <summary>Tells the peer this appliance's replication listener moved to <paramref name="port"/>; it records it for us and our tasks there.</summary>
    Task AnnounceReplicationPortAsync(PairedAppliance peer, string ownId, int port, CancellationToken ct);

    /// <summary>Tells the peer (over its pinned certificate, with our credential) the fingerprint of the certificate this appliance now uses; its admin must confirm it.</summary>
    Task AnnounceCertificateAsync(PairedAppliance peer, string ownId, string fingerprint, CancellationToken ct);
}
