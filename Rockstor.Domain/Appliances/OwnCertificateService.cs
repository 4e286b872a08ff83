using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>
/// Puts the admin's own certificate in place of the appliance's. Never silently for its peers: the change is
/// confirmed by the admin after seeing the new fingerprint and the paired appliances that must pin it anew.
/// It is installed first and announced only once it is in use: a certificate that failed to install is never
/// announced, so no peer can be asked to pin one this appliance does not present. Each paired appliance is
/// then told the new fingerprint (over its own pinned certificate, with our credential) and holds it pending
/// until its own admin confirms (<see cref="CertificateRepinning"/>, which also probes that we present it).
/// </summary>
public sealed class OwnCertificateService(
    ICertificateStore store,
    IPairedApplianceRepository appliances,
    IPeerClient peers,
    ApplianceIdentity identity,
    ILocalCertificate current)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Checks the certificate; without <paramref name="confirmed"/> throws <see cref="CertificateChangeNotConfirmedException"/> naming what the admin must see.</summary>
    public async Task<CertificateChange> ReplaceAsync(string certificatePem, string keyPem, bool confirmed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(certificatePem) || string.IsNullOrWhiteSpace(keyPem))
        {
            throw new ValidationException("Give both the certificate and its private key, each as PEM.");
        }

        var prepared = store.Prepare(certificatePem, keyPem);
        if (prepared.Fingerprint == current.Fingerprint)
        {
            throw new ValidationException("This is the certificate the appliance uses already.");
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var paired = appliances.List().Where(a => a.State == PairingState.Paired).ToList();
            if (!confirmed)
            {
                var who = paired.Count == 0
                    ? "No appliance is paired with this one."
                    : $"{string.Join(", ", paired.Select(p => p.Hostname))} must confirm the new fingerprint before they replicate with this appliance again.";
                throw new CertificateChangeNotConfirmedException(
                    $"Confirm the new certificate {PairingService.Short(prepared.Fingerprint)} ({prepared.Subject}): browsers will see a new certificate, and {who}",
                    prepared.Fingerprint,
                    paired.Select(p => p.Hostname).ToList());
            }

            store.Install(prepared);
            var ownId = identity.Current.Id;
            var notices = new List<PeerNotice>();
            foreach (var peer in paired)
            {
                try
                {
                    await peers.AnnounceCertificateAsync(peer, ownId, prepared.Fingerprint, ct).ConfigureAwait(false);
                    notices.Add(new PeerNotice(peer.Id, peer.Hostname, null));
                }
                catch (RockstorException e)
                {
                    notices.Add(new PeerNotice(peer.Id, peer.Hostname, e.Message));
                }
            }

            return new CertificateChange(prepared.Fingerprint, prepared.ExpiresAt, notices);
        }
        finally
        {
            _gate.Release();
        }
    }
}
