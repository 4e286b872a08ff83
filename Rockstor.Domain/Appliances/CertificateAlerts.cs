using System.Globalization;
using Rockstor.Domain.Alerts;

namespace Rockstor.Domain.Appliances;

/// <summary>
/// The appliance's TLS certificate about to expire (within <see cref="WarnDays"/> days) or expired raises
/// an alert: browsers and paired appliances stop trusting it. Resolved once a certificate valid for longer
/// is in place.
/// </summary>
public sealed class CertificateAlerts(ILocalCertificate certificate, AlertService alerts, TimeProvider time)
{
    public const int WarnDays = 30;

    public const string Key = "certificate";

    public Task CheckAsync(CancellationToken ct)
    {
        var left = certificate.ExpiresAt - time.GetUtcNow();
        var until = certificate.ExpiresAt.ToString("u", CultureInfo.InvariantCulture);
        if (left >= TimeSpan.FromDays(WarnDays))
        {
            return alerts.OpenAbout(AlertKind.Certificate, Key) is not null
                ? alerts.ResolveAboutAsync(AlertKind.Certificate, Key, ct)
                : Task.CompletedTask;
        }

        var expired = left <= TimeSpan.Zero;
        var state = expired
            ? $"expired on {until}: browsers refuse it, and paired appliances cannot reach this one to replicate"
            : $"expires on {until}, in {AlertService.Span(left)}: after that, browsers refuse it and paired appliances cannot reach this one";
        return alerts.RaiseAboutAsync(
            AlertKind.Certificate,
            Key,
            "the appliance's certificate",
            $"The appliance's TLS certificate (fingerprint {certificate.Fingerprint[..16]}…) {state}. Put a new certificate in place before then; "
            + "paired appliances must then pin its new fingerprint (pair them again).",
            ct,
            replaceUnlessItSays: expired ? "expired on" : "expires on"); // told again when it has expired
    }
}
