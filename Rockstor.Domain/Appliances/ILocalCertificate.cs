namespace Rockstor.Domain.Appliances;

/// <summary>This appliance's own TLS certificate, as peers and browsers see it.</summary>
public interface ILocalCertificate
{
    string Fingerprint { get; }

    /// <summary>The last moment it is valid.</summary>
    DateTimeOffset ExpiresAt { get; }
}
