using Rockstor.Domain.Appliances;

namespace Rockstor.Web.Api;

public sealed record PairedApplianceDto(
    string Id,
    string Hostname,
    string Host,
    int MgmtPort,
    int ReplicationPort,
    string CertificateFingerprint,
    DateTimeOffset PairedAt,
    string State,
    string? PendingFingerprint)
{
    public static PairedApplianceDto From(PairedAppliance a) => new(
        a.Id,
        a.Hostname,
        a.Host,
        a.ManagementPort,
        a.ReplicationPort,
        a.CertificateFingerprint,
        a.PairedAt,
        a.State == PairingState.Paired ? "paired" : "removalPending",
        a.PendingFingerprint);
}
