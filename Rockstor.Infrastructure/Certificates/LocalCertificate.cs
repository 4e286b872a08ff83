using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rockstor.Domain.Appliances;

namespace Rockstor.Infrastructure.Certificates;

/// <summary>
/// The appliance's certificate with the fingerprint peers pin, read at each use (a TLS handshake, a page): an
/// admin's own certificate takes its place while the appliance runs (<see cref="Replace"/>).
/// </summary>
public sealed class LocalCertificate(X509Certificate2 certificate) : ILocalCertificate
{
    private volatile Current _current = new(certificate);

    public X509Certificate2 Certificate => _current.Certificate;

    public string Fingerprint => _current.Fingerprint;

    public DateTimeOffset ExpiresAt => _current.ExpiresAt;

    /// <summary>Serves <paramref name="replacement"/> from the next handshake on. The one replaced is left to the collector: handshakes under way may still hold it.</summary>
    public void Replace(X509Certificate2 replacement) => _current = new Current(replacement);

    /// <summary>SHA-256 over the certificate's DER bytes, as upper-case hex.</summary>
    public static string FingerprintOf(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    /// <summary>The certificate with what is read of it, swapped as one.</summary>
    private sealed class Current(X509Certificate2 certificate)
    {
        public X509Certificate2 Certificate { get; } = certificate;

        public string Fingerprint { get; } = FingerprintOf(certificate);

        public DateTimeOffset ExpiresAt { get; } = new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }
}
