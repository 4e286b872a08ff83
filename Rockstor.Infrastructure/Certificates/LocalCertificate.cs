using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rockstor.Domain.Appliances;

namespace Rockstor.Infrastructure.Certificates;

/// <summary>The appliance's certificate, loaded (or made) once, with the fingerprint peers pin.</summary>
public sealed class LocalCertificate(X509Certificate2 certificate) : ILocalCertificate
{
    public X509Certificate2 Certificate { get; } = certificate;

    public string Fingerprint { get; } = FingerprintOf(certificate);

    public DateTimeOffset ExpiresAt { get; } = new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>SHA-256 over the certificate's DER bytes, as upper-case hex.</summary>
    public static string FingerprintOf(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
}
