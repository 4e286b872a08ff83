using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;

namespace Rockstor.Infrastructure.Certificates;

/// <summary>
/// Reads the admin's certificate and key (PEM), checks them (<see cref="Prepare"/>), and puts them in place of
/// the appliance's: written to <c>tls/appliance.pfx</c> as the self-signed one is, then served from the next
/// handshake on by <see cref="LocalCertificate"/>.
/// </summary>
public sealed class CertificateStore(
    IOptions<RockstorOptions> options,
    LocalCertificate local,
    TimeProvider time,
    ILogger<CertificateStore> logger) : ICertificateStore
{
    /// <summary>The smallest RSA key accepted, in bits.</summary>
    public const int MinRsaBits = 2048;

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string RsaKey = "1.2.840.113549.1.1.1";
    private const string EcKey = "1.2.840.10045.2.1";

    /// <summary>P-256, P-384 and P-521 (by their OIDs), the curves TLS clients accept for a server.</summary>
    private static readonly HashSet<string> StrongCurves = new(StringComparer.Ordinal) { "1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35" };

    public PreparedCertificate Prepare(string certificatePem, string keyPem)
    {
        using var certificate = Parse(certificatePem);
        using var withKey = WithKey(certificate, keyPem);
        CheckDates(certificate, time.GetUtcNow());
        CheckUsage(certificate);
        return new PreparedCertificate(
            LocalCertificate.FingerprintOf(certificate),
            certificate.Subject,
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            withKey.Export(X509ContentType.Pkcs12));
    }

    public void Install(PreparedCertificate certificate)
    {
        var loaded = ApplianceCertificate.Save(options.Value.DataDirectory, certificate.Pkcs12.Span);
        local.Replace(loaded);
        logger.LogWarning("The appliance now uses the admin's certificate {Fingerprint} ({Subject})", certificate.Fingerprint, certificate.Subject);
    }

    private static X509Certificate2 Parse(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ValidationException("The certificate could not be read: give it as PEM (-----BEGIN CERTIFICATE-----), the server's own certificate first.");
        }
    }

    /// <summary>The certificate with its private key, once the key is read, is the certificate's and is strong enough.</summary>
    private static X509Certificate2 WithKey(X509Certificate2 certificate, string keyPem)
    {
        switch (certificate.GetKeyAlgorithm())
        {
            case RsaKey:
            {
                using var key = RSA.Create();
                Import(() => key.ImportFromPem(keyPem));
                using var published = certificate.GetRSAPublicKey()!;
                Match(published.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
                if (key.KeySize < MinRsaBits)
                {
                    throw new ValidationException($"The certificate's RSA key has {key.KeySize} bits; use one of at least {MinRsaBits} bits.");
                }

                return certificate.CopyWithPrivateKey(key);
            }

            case EcKey:
            {
                using var key = ECDsa.Create();
                Import(() => key.ImportFromPem(keyPem));
                using var published = certificate.GetECDsaPublicKey()!;
                Match(published.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
                var curve = key.ExportParameters(false).Curve;
                if (curve.Oid?.Value is not { } oid || !StrongCurves.Contains(oid))
                {
                    throw new ValidationException($"The certificate's EC key is on the curve {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "(unnamed)"}; use P-256, P-384 or P-521.");
                }

                return certificate.CopyWithPrivateKey(key);
            }

            default:
                throw new ValidationException("The certificate's key is neither RSA nor EC; use an RSA key of at least 2048 bits, or an EC key on P-256 or better.");
        }
    }

    private static void Import(Action import)
    {
        try
        {
            import();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ValidationException("The private key could not be read: give it as unencrypted PEM (-----BEGIN PRIVATE KEY----- or the RSA/EC form) of the certificate's kind.");
        }
    }

    private static void Match(byte[] published, byte[] key)
    {
        if (!published.AsSpan().SequenceEqual(key))
        {
            throw new ValidationException("The private key is not the certificate's: they belong to different pairs. Give the key the certificate was made for.");
        }
    }

    private static void CheckDates(X509Certificate2 certificate, DateTimeOffset now)
    {
        var from = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var until = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (now > until)
        {
            throw new ValidationException($"The certificate expired on {until.ToString("u", CultureInfo.InvariantCulture)}.");
        }

        if (now < from)
        {
            throw new ValidationException($"The certificate is not valid before {from.ToString("u", CultureInfo.InvariantCulture)}; use it from then, or check this appliance's clock.");
        }
    }

    private static void CheckUsage(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        if (usages.Count > 0 && !usages.Any(u => u.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value is ServerAuthentication or AnyExtendedKeyUsage)))
        {
            throw new ValidationException("The certificate may not be used by a server: its extended key usage lacks server authentication (TLS Web Server Authentication).");
        }
    }
}
