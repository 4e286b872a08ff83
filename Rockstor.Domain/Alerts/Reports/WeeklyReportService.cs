using Rockstor.Domain.Common;

namespace Rockstor.Domain.Alerts.Reports;

/// <summary>
/// The weekly status mail: sent every Monday at 07:00 UTC when email is set up and the report is on (the
/// default), or at once when the admin asks.
/// </summary>
public sealed class WeeklyReportService(AlertService alerts, StatusReportBuilder builder, IStatusReportMailer mailer, IWeeklyReportScheduler scheduler)
{
    public const string Cron = "0 7 * * 1";

    /// <summary>At start: the weekly run registered (it checks the settings when it runs).</summary>
    public void Schedule() => scheduler.Schedule(Cron);

    /// <summary>The scheduled run: sends the report unless it is off or email is not set up; says what it did.</summary>
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var settings = alerts.Settings();
        if (!settings.WeeklyReport || settings.Email is not { } email)
        {
            return settings.Email is null ? "The weekly report was not sent: email is not set up." : "The weekly report is off.";
        }

        var report = await builder.BuildAsync(ct).ConfigureAwait(false);
        await mailer.SendAsync(report, email, ct).ConfigureAwait(false);
        return $"The weekly report ({report.Headline}) was mailed to {string.Join(", ", email.To)}.";
    }

    /// <summary>Sends the report now, whatever the weekly setting; email must be set up.</summary>
    public async Task<StatusReport> SendNowAsync(CancellationToken ct)
    {
        var email = alerts.Settings().Email ?? throw new ValidationException("Email is not set up: give an SMTP server and recipients, and save, first.");
        var report = await builder.BuildAsync(ct).ConfigureAwait(false);
        await mailer.SendAsync(report, email, ct).ConfigureAwait(false);
        return report;
    }
}
