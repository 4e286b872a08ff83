using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Appliances;

/// <summary>
/// A paired appliance's new certificate is pinned only for that appliance, only when it presents it, and never
/// when it is another appliance's or our own: the replication listener knows a sender by its certificate alone.
/// </summary>
public sealed class CertificateRepinningTests
{
    private static readonly string Ours = new('0', 64);
    private static readonly string OfA = new('A', 64);
    private static readonly string OfB = new('B', 64);
    private static readonly string NewOfB = new('C', 64);

    private readonly PairedAppliances _paired = new();
    private readonly PeerCalls _peers = new();
    private readonly AlertsUnderTest _alerts = new(TimeProvider.System);
    private readonly PairedAppliance _a;
    private readonly PairedAppliance _b;
    private readonly CertificateRepinning _repinning;

    public CertificateRepinningTests()
    {
        _a = _paired.Add("aaaa1111", "nas-a", "10.0.0.2");
        _a.CertificateFingerprint = OfA;
        _b = _paired.Add("bbbb2222", "nas-b", "10.0.0.3");
        _b.CertificateFingerprint = OfB;
        _repinning = new CertificateRepinning(_paired, _peers, new OwnCertificateFiles(Ours), _alerts.Service);
    }

    [Fact]
    public async Task A_peer_announcing_another_appliance_s_fingerprint_as_its_own_is_refused_and_nothing_is_held()
    {
        var refused = await Assert.ThrowsAsync<ConflictException>(() => _repinning.AnnouncedAsync(_b.Id, OfA, CancellationToken.None));

        Assert.Contains("nas-a", refused.Message, StringComparison.Ordinal);
        Assert.Null(_paired.Find(_b.Id)!.PendingFingerprint);
        Assert.Empty(_alerts.Open(AlertKind.Certificate));
    }

    [Fact]
    public async Task A_peer_announcing_a_fingerprint_pending_for_another_appliance_is_refused()
    {
        _a.PendingFingerprint = NewOfB;

        await Assert.ThrowsAsync<ConflictException>(() => _repinning.AnnouncedAsync(_b.Id, NewOfB, CancellationToken.None));

        Assert.Null(_paired.Find(_b.Id)!.PendingFingerprint);
    }

    [Fact]
    public async Task A_peer_announcing_this_appliance_s_own_fingerprint_is_refused()
    {
        await Assert.ThrowsAsync<ValidationException>(() => _repinning.AnnouncedAsync(_b.Id, Ours, CancellationToken.None));

        Assert.Null(_paired.Find(_b.Id)!.PendingFingerprint);
    }

    [Fact]
    public async Task A_peer_whose_removal_is_pending_cannot_announce_a_certificate()
    {
        _b.State = PairingState.RemovalPending;

        await Assert.ThrowsAsync<NotFoundException>(() => _repinning.AnnouncedAsync(_b.Id, NewOfB, CancellationToken.None));

        Assert.Null(_paired.Find(_b.Id)!.PendingFingerprint);
    }

    [Fact]
    public async Task An_announced_fingerprint_is_not_pinned_when_the_appliance_s_address_presents_another()
    {
        await _repinning.AnnouncedAsync(_b.Id, NewOfB, CancellationToken.None);
        _peers.Presented["10.0.0.3:8443"] = OfB; // it has not switched, or something else answers there

        await Assert.ThrowsAsync<CertificateMismatchException>(() => _repinning.ConfirmAsync(_b.Id, NewOfB, CancellationToken.None));

        Assert.Equal(["10.0.0.3:8443"], _peers.Probed);
        Assert.Equal(OfB, _paired.Find(_b.Id)!.CertificateFingerprint);
        Assert.Equal(NewOfB, _paired.Find(_b.Id)!.PendingFingerprint);
    }

    [Fact]
    public async Task An_announced_fingerprint_is_pinned_once_the_appliance_s_address_presents_it()
    {
        await _repinning.AnnouncedAsync(_b.Id, NewOfB, CancellationToken.None);
        _peers.Presented["10.0.0.3:8443"] = NewOfB;

        var pinned = await _repinning.ConfirmAsync(_b.Id, NewOfB, CancellationToken.None);

        Assert.Equal(NewOfB, pinned.CertificateFingerprint);
        Assert.Null(pinned.PendingFingerprint);
        Assert.Empty(_alerts.Open(AlertKind.Certificate));
    }

    [Fact]
    public async Task Confirming_another_appliance_s_fingerprint_is_refused_even_when_the_probe_presents_it()
    {
        _b.PendingFingerprint = OfA; // held before this rule existed
        _peers.Presented["10.0.0.3:8443"] = OfA; // the address is redirected to A

        await Assert.ThrowsAsync<ConflictException>(() => _repinning.ConfirmAsync(_b.Id, OfA, CancellationToken.None));

        Assert.Equal(OfB, _paired.Find(_b.Id)!.CertificateFingerprint);
    }

    [Fact]
    public async Task Confirming_this_appliance_s_own_fingerprint_is_refused()
    {
        _peers.Presented["10.0.0.3:8443"] = Ours;

        await Assert.ThrowsAsync<ValidationException>(() => _repinning.ConfirmAsync(_b.Id, Ours, CancellationToken.None));

        Assert.Equal(OfB, _paired.Find(_b.Id)!.CertificateFingerprint);
    }
}
