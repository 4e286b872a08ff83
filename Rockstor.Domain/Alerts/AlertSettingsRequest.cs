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
            if (!Enum.TryParse<SmtpSecurity>(SmtpSecurity ?? nameof(Alerts.SmtpSecurity.StartTls), ignoreCase: true, out var security)
                || !Enum.IsDefined(security) || int.TryParse(SmtpSecurity, out _))
            {
                throw new ValidationException($"SMTP security is \"none\", \"starttls\" or \"tls\", not \"{Echo.Of(SmtpSecurity)}\".");
            }

            var port = SmtpPort ?? security switch { Alerts.SmtpSecurity.Tls => 465, Alerts.SmtpSecurity.StartTls => 587, _ => 25 };
            if (port is < 1 or > 65535)
            {
                throw new ValidationException("The SMTP port must be between 1 and 65535.");
            }

            var from = Address(EmailFrom, "sender (from)");
            var to = (EmailTo ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => Address(a, "recipient (to)"))
                .ToList();
            if (to.Count == 0)
            {
                throw new ValidationException("Say who receives the alerts: one or more addresses, separated by commas.");
            }

            var username = string.IsNullOrWhiteSpace(SmtpUsername) ? null : SmtpUsername.Trim();
            var password = username is null ? null : SmtpPassword ?? current.Email?.Password;
            email = new EmailSettings(host, port, security, username, password, from, to);
        }

        Uri? webhook = null;
        if (!string.IsNullOrWhiteSpace(WebhookUrl)
            && (!Uri.TryCreate(WebhookUrl.Trim(), UriKind.Absolute, out webhook) || webhook.Scheme is not ("http" or "https")))
        {
            throw new ValidationException($"'{Echo.Of(WebhookUrl)}' is not a web address (http:// or https://) to post alerts to.");
        }

        // Absent keeps what is set.
        var warn = CapacityWarnPercent ?? current.CapacityWarnPercent;
        var critical = CapacityCriticalPercent ?? current.CapacityCriticalPercent;
        if (warn is < 1 or > 99 || critical is < 1 or > 99 || warn >= critical)
        {
            throw new ValidationException($"A pool's fill thresholds are percents from 1 to 99, the warning below the critical one (not {warn}% and {critical}%).");
        }

        return new AlertSettings(email, webhook, AllowLoopbackWebhook ?? false, warn, critical, WeeklyReport ?? current.WeeklyReport);
    }

    private static string Address(string? text, string which)
    {
        var address = text?.Trim() ?? "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace)
            ? address
            : throw new ValidationException($"The {which} '{Echo.Of(text)}' is not an email address.");
    }
}
