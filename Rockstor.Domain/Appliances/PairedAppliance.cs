namespace Rockstor.Domain.Appliances;
/// <summary>Another appliance this one is paired with.</summary>
public sealed class PairedAppliance
{
    public required string Id { get; init; }

    public required string Hostname { get; set; }

    /// <summary>Host name or address where its management API is reached.</summary>
    public required string Host { get; set; }

    public required int ManagementPort { get; set; }

    public required int ReplicationPort { get; set; }

    /// <summary>SHA-256 of its certificate (hex, upper case), pinned at pairing: any other certificate is refused.</summary>
    public required string CertificateFingerprint { get; set; }

    /// <summary>What this appliance sends to authenticate its calls to the other.</summary>
    public required string OutgoingCredential { get; set; }

    /// <summary>SHA-256 of what the other sends to authenticate its calls here (the secret itself is not kept).</summary>
    public required string IncomingCredentialHash { get; set; }

    public required DateTimeOffset PairedAt { get; set; }

    public PairingState State { get; set; } = PairingState.Paired;

    /// <summary>
    /// A new certificate fingerprint it announced (it is about to change its certificate), held until this
    /// appliance's admin confirms it; until then only <see cref="CertificateFingerprint"/> is accepted.
    /// </summary>
    public string? PendingFingerprint { get; set; }
}
