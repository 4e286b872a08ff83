using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rockstor.Infrastructure.Certificates;

/// <summary>
/// The appliance's TLS certificate, self-signed at first start (or the admin's own, put in place by
/// <see cref="CertificateStore"/>) and kept in the data directory. It
/// serves the web-ui and API over HTTPS; peers pin its fingerprint when they pair.
/// </summary>
public static class ApplianceCertificate
{
    public const string FileName = "appliance.pfx";

    public static X509Certificate2 LoadOrCreate(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "tls");
        var file = Path.Combine(directory, FileName);
        if (File.Exists(file))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(file, password: null, X509KeyStorageFlags.EphemeralKeySet);
        }

        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Dns.GetHostName()}, O=Rockstor appliance", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Dns.GetHostName());
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        return Save(dataDirectory, certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>
    /// Writes the certificate with its key (PKCS#12, no password: the data directory is root's alone) in place
    /// of the appliance's, and returns it loaded. Written under a temporary name created owner-only (the key is
    /// never readable by others, not even for a moment), flushed to the disk and only then renamed, so a crash
    /// or a full disk never leaves half a certificate in place.
    /// </summary>
    public static X509Certificate2 Save(string dataDirectory, ReadOnlySpan<byte> pfx)
    {
        var directory = Path.Combine(dataDirectory, "tls");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, FileName);
        var temporary = file + ".new";
        File.Delete(temporary); // a leftover keeps its mode: the file must be created here, with ours
        using (var stream = new FileStream(temporary, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew,
                   Access = FileAccess.Write,
                   UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
        {
            stream.Write(pfx);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
