using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// The other appliances as this one calls them: a probe of an address answers the fingerprint set for it in
/// <see cref="Presented"/> (an unknown address is unreachable), and every announcement is recorded.
/// </summary>
public sealed class PeerCalls : IPeerClient
{
    /// <summary>The fingerprint each "host:port" presents.</summary>
    public Dictionary<string, string> Presented { get; } = new(StringComparer.Ordinal);

    /// <summary>The addresses probed, as "host:port", in order.</summary>
    public List<string> Probed { get; } = [];

    /// <summary>The certificate announcements sent, as (peer id, fingerprint).</summary>
    public List<(string PeerId, string Fingerprint)> CertificatesAnnounced { get; } = [];

    public List<(string PeerId, int Port)> PortsAnnounced { get; } = [];

    public Task<string> ProbeFingerprintAsync(string host, int port, CancellationToken ct)
    {
        Probed.Add($"{host}:{port}");
        return Presented.TryGetValue($"{host}:{port}", out var fingerprint)
            ? Task.FromResult(fingerprint)
            : throw new PeerUnreachableException($"{host}:{port} does not answer.");
    }

    public Task<ApplianceCard> PairAsync(string host, int port, string pinnedFingerprint, PairingOffer offer, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task ForgetAsync(PairedAppliance peer, string ownId, CancellationToken ct) => Task.CompletedTask;

    public Task HelloAsync(PairedAppliance peer, string ownId, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<PeerPool>> ListPoolsAsync(PairedAppliance peer, string ownId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PeerPool>>([]);

    public Task AnnounceReplicationPortAsync(PairedAppliance peer, string ownId, int port, CancellationToken ct)
    {
        PortsAnnounced.Add((peer.Id, port));
        return Task.CompletedTask;
    }

    public Task AnnounceCertificateAsync(PairedAppliance peer, string ownId, string fingerprint, CancellationToken ct)
    {
        CertificatesAnnounced.Add((peer.Id, fingerprint));
        return Task.CompletedTask;
    }
}
