using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>
/// One certificate belongs to one appliance: a fingerprint pinned (or pending) for one paired appliance, or
/// this appliance's own, is never taken for another. The replication listener knows a sender only by the
/// certificate it presents, so a fingerprint held twice would let one appliance pass for the other.
/// Pairing and re-pinning both ask here.
/// </summary>
public static class PinnedFingerprints
{
    /// <summary>
    /// Throws when <paramref name="fingerprint"/> is <paramref name="own"/> or is pinned or pending for a paired
    /// appliance other than <paramref name="forId"/> (null: for a new appliance, so any holder counts).
    /// </summary>
    public static void RefuseTaken(IPairedApplianceRepository appliances, string fingerprint, string own, string? forId)
    {
        if (fingerprint == own)
        {
            throw new ValidationException(
                $"The certificate {PairingService.Short(fingerprint)} is this appliance's own; another appliance cannot be pinned to it.");
        }

        if (HolderOf(appliances, fingerprint, forId) is { } holder)
        {
            throw new ConflictException(
                $"The certificate {PairingService.Short(fingerprint)} belongs to {holder.Hostname} ({holder.Id}) at {holder.Host}:{holder.ManagementPort}; "
                + "one certificate cannot be pinned for two appliances. Nothing was pinned.");
        }
    }

    /// <summary>The paired appliance other than <paramref name="forId"/> that <paramref name="fingerprint"/> is pinned or pending for, or null.</summary>
    public static PairedAppliance? HolderOf(IPairedApplianceRepository appliances, string fingerprint, string? forId) =>
        appliances.List().FirstOrDefault(a => a.Id != forId && (a.CertificateFingerprint == fingerprint || a.PendingFingerprint == fingerprint));
}
