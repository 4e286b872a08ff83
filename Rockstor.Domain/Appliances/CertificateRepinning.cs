using Rockstor.Domain.Alerts;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>
/// A paired appliance's new certificate, pinned only when this appliance's admin confirms it. An announced
/// fingerprint is held pending (and raises an alert); the admin confirms either that one or, when the
/// announcement never came, a fingerprint typed from the other appliance's screen. Either way a TLS probe of
/// the appliance's stored address must present it now, and it may be neither this appliance's own
/// certificate nor one pinned or pending for another appliance (<see cref="PinnedFingerprints"/>). Until then
/// the old pin stays, and connections presenting the new certificate are refused.
/// </summary>
public sealed class CertificateRepinning(IPairedApplianceRepository appliances, IPeerClient peers, ILocalCertificate own, AlertService alerts)
{
    public static string AlertKeyOf(string applianceId) => $"certificate:{applianceId}";

    /// <summary>Called by the paired appliance <paramref name="callerId"/> about itself only.</summary>
    public async Task AnnouncedAsync(string callerId, string fingerprint, CancellationToken ct)
    {
        var normalized = PairingService.NormalizeFingerprint(fingerprint);
        var peer = appliances.Find(callerId) is { State: PairingState.Paired } paired
            ? paired
            : throw new NotFoundException("This appliance is not paired with the caller.");
        if (normalized == peer.CertificateFingerprint)
        {
            return;
        }

        PinnedFingerprints.RefuseTaken(appliances, normalized, own.Fingerprint, peer.Id);

        peer.PendingFingerprint = normalized;
        appliances.Save(peer);
        await alerts.RaiseAboutAsync(
            AlertKind.Certificate,
            AlertKeyOf(peer.Id),
            $"appliance {peer.Hostname}",
            $"{peer.Hostname} announced a new certificate {PairingService.Grouped(normalized)}; confirm it on the Appliances screen to keep replicating with it. "
            + "Until then, connections presenting it are refused.",
            ct).ConfigureAwait(false);
    }

    /// <summary>Pins <paramref name="fingerprint"/> for the appliance: the one it announced, or the one it presents now.</summary>
    public async Task<PairedAppliance> ConfirmAsync(string id, string fingerprint, CancellationToken ct)
    {
        var peer = appliances.Find(id) ?? throw new NotFoundException($"No appliance with id '{Echo.Of(id)}' is paired with this one.");
        if (string.IsNullOrWhiteSpace(fingerprint))
        {
            throw new ValidationException("Give the new certificate fingerprint, as the other appliance's About page shows it.");
        }

        var typed = PairingService.NormalizeFingerprint(fingerprint);
        PinnedFingerprints.RefuseTaken(appliances, typed, own.Fingerprint, peer.Id);

        // Even an announced fingerprint is pinned only once the appliance presents it: an announcement is the
        // peer's word, and the probe of the address we know it by is ours.
        var presented = await peers.ProbeFingerprintAsync(peer.Host, peer.ManagementPort, ct).ConfigureAwait(false);
        if (presented != typed)
        {
            throw new CertificateMismatchException(
                $"{peer.Hostname} at {peer.Host}:{peer.ManagementPort} presents the certificate {PairingService.Short(presented)}, not {PairingService.Short(typed)}. "
                + "Nothing was pinned; confirm once it uses the new certificate, and check the fingerprint on its About page.");
        }

        peer.CertificateFingerprint = typed;
        peer.PendingFingerprint = null;
        appliances.Save(peer);
        if (alerts.OpenAbout(AlertKind.Certificate, AlertKeyOf(peer.Id)) is not null)
        {
            await alerts.ResolveAboutAsync(AlertKind.Certificate, AlertKeyOf(peer.Id), ct).ConfigureAwait(false);
        }

        return peer;
    }
}
