using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rockstor.Testing;

/// <summary>Certificates a test presents as a stranger or as an appliance of its own.</summary>
public static class TestCertificates
{
    /// <summary>A fresh self-signed certificate with its private key (ECDSA P-256), valid from a day ago for a day.</summary>
    public static X509Certificate2 SelfSigned(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Server authentication, the extended key usage a TLS server's certificate needs.</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>Client authentication alone: a certificate that may not serve.</summary>
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// A self-signed certificate and its private key as PEM, as an admin would upload them: an RSA key of
    /// <paramref name="rsaBits"/> bits (or ECDSA P-256 when 0), valid from <paramref name="from"/> to
    /// <paramref name="until"/> (a day ago to a year on by default), with the extended key usages given (none: no such extension).
    /// </summary>
    public static (string CertificatePem, string KeyPem, string Fingerprint) Pem(
        string commonName = "nas.example.org",
        int rsaBits = 2048,
        DateTimeOffset? from = null,
        DateTimeOffset? until = null,
        params string[] usages)
    {
        using AsymmetricAlgorithm key = rsaBits > 0 ? RSA.Create(rsaBits) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA rsa
            ? new CertificateRequest($"CN={commonName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}", (ECDsa)key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        request.CertificateExtensions.Add(names.Build());
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        using var made = request.CreateSelfSigned(from ?? DateTimeOffset.UtcNow.AddDays(-1), until ?? DateTimeOffset.UtcNow.AddYears(1));
        var keyPem = key is RSA r ? r.ExportPkcs8PrivateKeyPem() : ((ECDsa)key).ExportPkcs8PrivateKeyPem();
        return (made.ExportCertificatePem(), keyPem, Convert.ToHexString(SHA256.HashData(made.RawData)));
    }
}
