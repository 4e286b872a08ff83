using System.Globalization;
using MimeKit;
using Rockstor.Domain.Alerts;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>Emails alerts through the SMTP server in the settings (MailKit).</summary>
internal sealed class SmtpAlertChannel : IAlertChannel
{
    public string Name => "email";

    public bool IsConfigured(AlertSettings settings) => settings.Email is not null;

    public async Task SendAsync(AlertNotice notice, AlertSettings settings, CancellationToken ct)
    {
        var email = settings.Email ?? throw new InvalidOperationException("Email is not set up.");
        using var message = SmtpSender.Message(email, Subject(notice), new TextPart("plain") { Text = Body(notice) });
        await SmtpSender.SendAsync(message, email, ct).ConfigureAwait(false);
    }

    internal static string Subject(AlertNotice notice) => $"[Rockstor {notice.ApplianceHostname}] " + notice.Kind switch
    {
        AlertNoticeKind.Test => "Test of the alert settings",
        AlertNoticeKind.Resolved when IsAboutATask(notice.Alert) => $"Resolved: replication of {notice.Alert.Subject}",
        AlertNoticeKind.Resolved => $"Resolved: {notice.Alert.Subject}",
        _ => notice.Alert.Kind switch
        {
            AlertKind.Stale => "Replica getting old: ",
            AlertKind.ScrubErrors => "Scrub found errors: ",
            AlertKind.DeviceErrors => "Disk errors: ",
            AlertKind.Capacity => "Pool filling up: ",
            AlertKind.Degraded => "Pool degraded: ",
            AlertKind.Smart => "Disk health: ",
            AlertKind.ServiceStopped => "Service stopped: ",
            AlertKind.Certificate => "Certificate: ",
            AlertKind.Update => "Update: ",
            _ => "Replication failed: ",
        } + notice.Alert.Subject,
    };

    /// <summary>Where in the web-ui the admin learns more.</summary>
    internal static string WhereToLook(Alert alert) => alert.Kind switch
    {
        _ when alert.Pool is not null => $"The pool's page (Storage -> Pools -> {alert.Pool}) tells more.",
        AlertKind.Smart => "The disk's SMART data (Storage -> Disks, then its SMART button) tells more.",
        AlertKind.ServiceStopped => "The Services screen (System -> Services) tells more; turning the service off and on again starts it anew.",
        AlertKind.Certificate when alert.About?.StartsWith("certificate:", StringComparison.Ordinal) == true =>
            "The Appliances screen (System -> Appliances) shows the new fingerprint: compare it with the other appliance's About page, then confirm it.",
        AlertKind.Certificate => "The appliance's certificate is in its data directory (tls/appliance.pfx); System -> About takes one of your own.",
        AlertKind.Update => "The Updates screen (System -> Updates) tells more, and the updater's log is in the data directory (updates/update.log).",
        _ => $"The trail of task {alert.TaskId} (Storage -> Replication -> Send) tells more.",
    };

    private static bool IsAboutATask(Alert alert) => alert.Pool is null && alert.About is null;

    private static string Body(AlertNotice notice)
    {
        var alert = notice.Alert;
        var when = alert.RaisedAt.ToString("u", CultureInfo.InvariantCulture);
        var appliance = $"Appliance: {notice.ApplianceHostname} ({notice.ApplianceId})\n";
        return notice.Kind switch
        {
            AlertNoticeKind.Test => $"{alert.Message}\n\n{appliance}",
            AlertNoticeKind.Resolved when IsAboutATask(alert) =>
                $"Replication of {alert.Subject} works again (resolved {alert.ResolvedAt?.ToString("u", CultureInfo.InvariantCulture)}).\n\n"
                + $"The alert raised {when} said: {alert.Message}\n\n{appliance}",
            AlertNoticeKind.Resolved =>
                $"{Capital(alert.Subject)}: resolved {alert.ResolvedAt?.ToString("u", CultureInfo.InvariantCulture)}.\n\n"
                + $"The alert raised {when} said: {alert.Message}\n\n{appliance}",
            _ when IsAboutATask(alert) =>
                $"Replication of {alert.Subject}: {alert.Message}\n\nRaised {when}. You hear of it once; another mail follows when it is resolved. "
                + $"{WhereToLook(alert)}\n\n{appliance}",
            _ =>
                $"{Capital(alert.Subject)}: {alert.Message}\n\nRaised {when}. You hear of it once; another mail follows when it is resolved. "
                + $"{WhereToLook(alert)}\n\n{appliance}",
        };
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
