namespace Rockstor.Domain.Alerts.Reports;

/// <summary>Mails a status report (HTML and text) through the alert settings' SMTP server.</summary>
public interface IStatusReportMailer
{
    Task SendAsync(StatusReport report, EmailSettings email, CancellationToken ct);
}
