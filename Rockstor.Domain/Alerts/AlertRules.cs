using Rockstor.Domain.Common;

namespace Rockstor.Domain.Alerts;

/// <summary>
/// What the alert settings may hold, whether an admin types them or a configuration file brings them: an
/// SMTP security of the three there are, a port, email addresses, a web address to post to, and fill
/// thresholds that are percents with the warning below the critical one.
/// </summary>
public static class AlertRules
{
    /// <summary>The SMTP security named (none, starttls or tls, in any case; absent is starttls).</summary>
    public static SmtpSecurity Security(string? named)
    {
        if (!Enum.TryParse<SmtpSecurity>(named ?? nameof(SmtpSecurity.StartTls), ignoreCase: true, out var security)
            || !Enum.IsDefined(security) || int.TryParse(named, out _))
        {
            throw new ValidationException($"SMTP security is \"none\", \"starttls\" or \"tls\", not \"{Echo.Of(named)}\".");
        }

        return security;
    }

    /// <summary>The SMTP port, or a sentence when it is not a port.</summary>
    public static int SmtpPort(int port) => port is < 1 or > 65535
        ? throw new ValidationException("The SMTP port must be between 1 and 65535.")
        : port;

    /// <summary>The email address, trimmed: something before an '@', something after it, and no spaces.</summary>
    public static string Address(string? text, string which)
    {
        var address = text?.Trim() ?? "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace)
            ? address
            : throw new ValidationException($"The {which} '{Echo.Of(text)}' is not an email address.");
    }

    /// <summary>The recipients, each an address; at least one.</summary>
    public static List<string> Recipients(IEnumerable<string> addresses)
    {
        var to = addresses.Select(a => Address(a, "recipient (to)")).ToList();
        return to.Count > 0 ? to : throw new ValidationException("Say who receives the alerts: one or more addresses, separated by commas.");
    }

    /// <summary>The webhook's address, absolute and http or https; null when none is given.</summary>
    public static Uri? WebhookUrl(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : Uri.TryCreate(text.Trim(), UriKind.Absolute, out var webhook) && webhook.Scheme is "http" or "https"
                ? webhook
                : throw new ValidationException($"'{Echo.Of(text)}' is not a web address (http:// or https://) to post alerts to.");

    /// <summary>A pool's fill thresholds: percents from 1 to 99, the warning below the critical one.</summary>
    public static void Thresholds(int warn, int critical)
    {
        if (warn is < 1 or > 99 || critical is < 1 or > 99 || warn >= critical)
        {
            throw new ValidationException($"A pool's fill thresholds are percents from 1 to 99, the warning below the critical one (not {warn}% and {critical}%).");
        }
    }
}
