namespace Rockstor.Domain.Appliances;

/// <summary>This appliance's own TLS certificate, as peers see it.</summary>
public interface ILocalCertificate
{
    string Fingerprint { get; }
}
