using Rockstor.Domain.Common;

namespace Rockstor.Domain.Alerts;

/// <summary>The settings as a person types them; empty email host or webhook turns that channel off.</summary>
public sealed record AlertSettingsRequest(
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpSecurity,
    string? SmtpUsername,
    string? SmtpPassword,
    string? EmailFrom,
    string? EmailTo,
    string? WebhookUrl,
    bool? AllowLoopbackWebhook = null,
    int? CapacityWarnPercent = null,
    int? CapacityCriticalPercent = null,
    bool? WeeklyReport = null)
{
    /// <summary>Checks and turns the request into settings; an absent password keeps the one stored.</summary>
    public AlertSettings Validate(AlertSettings current)
    {
        EmailSettings? email = null;
        if (!string.IsNullOrWhiteSpace(SmtpHost))
        {
            var host = NetworkHost.Validate(SmtpHost, "SMTP server");
            var security = AlertRules.Security(SmtpSecurity);
            var port = AlertRules.SmtpPort(SmtpPort ?? security switch { Alerts.SmtpSecurity.Tls => 465, Alerts.SmtpSecurity.StartTls => 587, _ => 25 });
            var from = AlertRules.Address(EmailFrom, "sender (from)");
            var to = AlertRules.Recipients((EmailTo ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var username = string.IsNullOrWhiteSpace(SmtpUsername) ? null : SmtpUsername.Trim();
            var password = username is null ? null : SmtpPassword ?? current.Email?.Password;
            email = new EmailSettings(host, port, security, username, password, from, to);
        }

        var webhook = AlertRules.WebhookUrl(WebhookUrl);

        // Absent keeps what is set.
        var warn = CapacityWarnPercent ?? current.CapacityWarnPercent;
        var critical = CapacityCriticalPercent ?? current.CapacityCriticalPercent;
        AlertRules.Thresholds(warn, critical);
        return new AlertSettings(email, webhook, AllowLoopbackWebhook ?? false, warn, critical, WeeklyReport ?? current.WeeklyReport);
    }
}
