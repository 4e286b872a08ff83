namespace Rockstor.Domain.Appliances;

/// <summary>What an appliance tells another about itself when pairing.</summary>
public sealed record ApplianceCard(
    string Id,
    string Hostname,
    int ManagementPort,
    int ReplicationPort,
    string CertificateFingerprint,
    string Credential);
