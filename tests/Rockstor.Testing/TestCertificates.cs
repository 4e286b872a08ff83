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
}
