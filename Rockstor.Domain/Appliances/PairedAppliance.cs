namespace Rockstor.Domain.Appliances;

public enum PairingState
{
    /// <summary>Both sides know each other.</summary>
    Paired,

    /// <summary>Removed here, but the other side could not be told yet; it is told when it is reachable again.</summary>
    RemovalPending,
}

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
}

public interface IPairedApplianceRepository
{
    IReadOnlyList<PairedAppliance> List();

    PairedAppliance? Find(string id);

    /// <summary>Adds the appliance, or replaces the one with the same id (a re-pairing).</summary>
    void Save(PairedAppliance appliance);

    void Remove(string id);
}

/// <summary>This appliance's own TLS certificate, as peers see it.</summary>
public interface ILocalCertificate
{
    string Fingerprint { get; }
}
