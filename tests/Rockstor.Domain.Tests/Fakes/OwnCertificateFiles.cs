using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// This appliance's certificate in memory: the one in use (<see cref="ILocalCertificate"/>) and the store that
/// puts an uploaded one in its place. Any PEM is accepted, its fingerprint being the certificate text itself;
/// <see cref="FailInstall"/> makes the next install fail as a full disk would.
/// </summary>
public sealed class OwnCertificateFiles(string fingerprint) : ICertificateStore, ILocalCertificate
{
    public string Fingerprint { get; private set; } = fingerprint;

    public DateTimeOffset ExpiresAt { get; private set; } = DateTimeOffset.UnixEpoch.AddYears(60);

    public string? FailInstall { get; set; }

    public PreparedCertificate Prepare(string certificatePem, string keyPem) =>
        new(certificatePem, "CN=nas1", DateTimeOffset.UnixEpoch.AddYears(61), Array.Empty<byte>());

    public void Install(PreparedCertificate certificate)
    {
        if (FailInstall is { } reason)
        {
            throw new IOException(reason);
        }

        Fingerprint = certificate.Fingerprint;
        ExpiresAt = certificate.ExpiresAt;
    }
}
