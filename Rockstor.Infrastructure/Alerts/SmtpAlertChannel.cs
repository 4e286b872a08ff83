using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Rockstor.Domain.Alerts;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>Emails alerts through the SMTP server in the settings (MailKit).</summary>
internal sealed class SmtpAlertChannel : IAlertChannel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public string Name => "email";

    public bool IsConfigured(AlertSettings settings) => settings.Email is not null;

    public async Task SendAsync(AlertNotice notice, AlertSettings settings, CancellationToken ct)
    {
        var email = settings.Email ?? throw new InvalidOperationException("Email is not set up.");
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(email.From));
        foreach (var to in email.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = Subject(notice);
        message.Body = new TextPart("plain") { Text = Body(notice) };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var security = email.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(email.Host, email.Port, security, timeout.Token).ConfigureAwait(false);
            if (email.Username is not null)
            {
                await client.AuthenticateAsync(email.Username, email.Password ?? "", timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{email.Host}:{email.Port} did not take the mail within {Timeout.TotalSeconds:0} s.");
        }
    }

    internal static string Subject(AlertNotice notice) => $"[Rockstor {notice.ApplianceHostname}] " + notice.Kind switch
    {
        AlertNoticeKind.Test => "Test of the alert settings",
        AlertNoticeKind.Resolved when notice.Alert.Pool is not null => $"Resolved: {notice.Alert.Subject}",
        AlertNoticeKind.Resolved => $"Resolved: replication of {notice.Alert.Subject}",
        _ when notice.Alert.Kind == AlertKind.Stale => $"Replica getting old: {notice.Alert.Subject}",
        _ when notice.Alert.Kind == AlertKind.ScrubErrors => $"Scrub found errors: {notice.Alert.Subject}",
        _ when notice.Alert.Kind == AlertKind.DeviceErrors => $"Disk errors: {notice.Alert.Subject}",
        _ => $"Replication failed: {notice.Alert.Subject}",
    };

    private static string Body(AlertNotice notice)
    {
        var alert = notice.Alert;
        var when = alert.RaisedAt.ToString("u", CultureInfo.InvariantCulture);
        return notice.Kind switch
        {
            AlertNoticeKind.Test => $"{alert.Message}\n\nAppliance: {notice.ApplianceHostname} ({notice.ApplianceId})\n",
            AlertNoticeKind.Resolved when alert.Pool is not null =>
                $"{Capital(alert.Subject)}: resolved {alert.ResolvedAt?.ToString("u", CultureInfo.InvariantCulture)}.\n\n"
                + $"The alert raised {when} said: {alert.Message}\n\nAppliance: {notice.ApplianceHostname} ({notice.ApplianceId})\n",
            AlertNoticeKind.Resolved =>
                $"Replication of {alert.Subject} works again (resolved {alert.ResolvedAt?.ToString("u", CultureInfo.InvariantCulture)}).\n\n"
                + $"The alert raised {when} said: {alert.Message}\n\nAppliance: {notice.ApplianceHostname} ({notice.ApplianceId})\n",
            _ when alert.Pool is not null =>
                $"{Capital(alert.Subject)}: {alert.Message}\n\nRaised {when}. You hear of it once; another mail follows when it is resolved. "
                + $"The pool's page (Storage -> Pools -> {alert.Pool}) tells more.\n\nAppliance: {notice.ApplianceHostname} ({notice.ApplianceId})\n",
            _ =>
                $"Replication of {alert.Subject}: {alert.Message}\n\nRaised {when}. You hear of it once; another mail follows when it is resolved. "
                + $"The trail of task {alert.TaskId} (Storage -> Replication -> Send) tells more.\n\nAppliance: {notice.ApplianceHostname} ({notice.ApplianceId})\n",
        };
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
