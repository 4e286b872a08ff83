using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Rockstor.Domain.Alerts;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>Sends one message through the SMTP server in the settings (MailKit), within <see cref="Timeout"/>.</summary>
internal static class SmtpSender
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>A message from the settings' sender to their recipients, with a subject and body.</summary>
    public static MimeMessage Message(EmailSettings email, string subject, MimeEntity body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(email.From));
        foreach (var to in email.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = subject;
        message.Body = body;
        return message;
    }

    public static async Task SendAsync(MimeMessage message, EmailSettings email, CancellationToken ct)
    {
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
}
