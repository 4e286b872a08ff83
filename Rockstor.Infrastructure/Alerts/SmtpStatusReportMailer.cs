using Rockstor.Domain.Alerts;
using Rockstor.Domain.Alerts.Reports;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>Mails the status report through the alert settings' SMTP server.</summary>
internal sealed class SmtpStatusReportMailer : IStatusReportMailer
{
    public async Task SendAsync(StatusReport report, EmailSettings email, CancellationToken ct)
    {
        using var message = SmtpSender.Message(email, StatusReportMail.Subject(report), StatusReportMail.Body(report));
        await SmtpSender.SendAsync(message, email, ct).ConfigureAwait(false);
    }
}
