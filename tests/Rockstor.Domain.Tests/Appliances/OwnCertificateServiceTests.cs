using Rockstor.Domain.Appliances;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Appliances;

/// <summary>The admin's own certificate is announced to peers only once it is installed.</summary>
public sealed class OwnCertificateServiceTests
{
    private static readonly string Old = new('0', 64);
    private static readonly string New = new('E', 64);

    private readonly PairedAppliances _paired = new();
    private readonly PeerCalls _peers = new();
    private readonly OwnCertificateFiles _certificate = new(Old);
    private readonly OwnCertificateService _service;

    public OwnCertificateServiceTests()
    {
        _paired.Add("bbbb2222", "nas-b").CertificateFingerprint = new string('B', 64);
        _service = new OwnCertificateService(_certificate, _paired, _peers, new ApplianceIdentity(new ThisAppliance()), _certificate);
    }

    [Fact]
    public async Task A_certificate_that_fails_to_install_is_announced_to_no_peer()
    {
        _certificate.FailInstall = "No space left on device";

        await Assert.ThrowsAsync<IOException>(() => _service.ReplaceAsync(New, "key", confirmed: true, CancellationToken.None));

        Assert.Empty(_peers.CertificatesAnnounced);
        Assert.Equal(Old, _certificate.Fingerprint);
    }

    [Fact]
    public async Task An_installed_certificate_is_announced_to_every_paired_appliance()
    {
        var change = await _service.ReplaceAsync(New, "key", confirmed: true, CancellationToken.None);

        Assert.Equal(New, _certificate.Fingerprint);
        Assert.Equal([("bbbb2222", New)], _peers.CertificatesAnnounced);
        Assert.True(Assert.Single(change.Peers).Told);
    }
}
