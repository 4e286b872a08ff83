using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Appliances;

public sealed class CertificateAlertsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly Certificate _certificate = new();
    private readonly AlertsUnderTest _alerts;
    private readonly CertificateAlerts _watch;

    public CertificateAlertsTests()
    {
        _alerts = new AlertsUnderTest(_time);
        _watch = new CertificateAlerts(_certificate, _alerts.Service, _time);
    }

    [Fact]
    public async Task A_certificate_a_month_from_expiry_raises_one_alert_and_a_renewed_one_resolves_it()
    {
        _certificate.ExpiresAt = _time.GetUtcNow().AddDays(CertificateAlerts.WarnDays + 1);
        await _watch.CheckAsync(default);
        Assert.Empty(_alerts.Open(AlertKind.Certificate));

        _time.Advance(TimeSpan.FromDays(2));
        await _watch.CheckAsync(default);
        await _watch.CheckAsync(default);
        var alert = Assert.Single(_alerts.Open(AlertKind.Certificate));
        Assert.Contains("expires on 2026-12-31 08:00:00Z, in 29 d", alert.Message, StringComparison.Ordinal);
        Assert.Contains("fingerprint 0A1B2C3D4E5F6071…", alert.Message, StringComparison.Ordinal);

        _certificate.ExpiresAt = _time.GetUtcNow().AddYears(2);
        await _watch.CheckAsync(default);

        Assert.Empty(_alerts.Open(AlertKind.Certificate));
        Assert.Equal([AlertNoticeKind.Raised, AlertNoticeKind.Resolved], _alerts.Told().Select(t => t.Kind));
    }

    [Fact]
    public async Task An_expired_certificate_says_that_peers_can_no_longer_reach_the_appliance()
    {
        _certificate.ExpiresAt = _time.GetUtcNow().AddDays(-1);

        await _watch.CheckAsync(default);

        Assert.Contains("expired on 2026-11-29", Assert.Single(_alerts.Open(AlertKind.Certificate)).Message, StringComparison.Ordinal);
    }

    private sealed class Certificate : ILocalCertificate
    {
        public string Fingerprint => "0A1B2C3D4E5F60718293A4B5C6D7E8F9";

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
