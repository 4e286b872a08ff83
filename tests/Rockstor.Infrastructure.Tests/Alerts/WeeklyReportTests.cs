using System.Text;
using MimeKit;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Alerts.Reports;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Alerts;

/// <summary>The weekly status mail over a real pool and share, read back from the test's SMTP server as a mail reader would.</summary>
public sealed class WeeklyReportTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly MailSink _mail = new("127.0.0.1");

    public void Dispose() => CleanUp.All(_host.Dispose, _mail.Dispose);

    [Fact(Timeout = 120_000)]
    public async Task The_weekly_report_mails_pools_disks_replication_and_the_week_s_alerts_as_html_and_text()
    {
        var ct = _host.Lifetime;
        _host.Get<Domain.Appliances.ApplianceIdentity>().Ensure(null);
        var alerts = _host.Get<AlertService>();
        await alerts.SaveSettingsAsync(new AlertSettingsRequest("127.0.0.1", _mail.Port, "none", null, null, "nas@example.com", "admin@example.com", null), ct);
        await _host.CreateImagePoolAsync();
        await _host.Shares.CreateAsync("pool1", "docs", ct);
        await alerts.RaiseForPoolAsync(AlertKind.ScrubErrors, "pool1", "The scrub found 1 error(s) <b>corrected</b>.", ct);
        await _mail.NextWithAsync("Scrub found errors", TimeSpan.FromSeconds(30)); // the alert's own mail

        var outcome = await _host.Get<WeeklyReportService>().RunAsync(ct);
        var message = Parse(await _mail.NextWithAsync("Weekly status", TimeSpan.FromSeconds(30)));

        Assert.Equal("The weekly report (1 open alert) was mailed to admin@example.com.", outcome);
        Assert.EndsWith("] Weekly status: 1 open alert", message.Subject, StringComparison.Ordinal);
        var text = message.TextBody;
        var html = message.HtmlBody;
        Assert.NotNull(text);
        Assert.NotNull(html);
        Assert.Contains("Pools\n-----\n- Pool: pool1; Used: ", text, StringComparison.Ordinal);
        Assert.Contains("State: healthy", text, StringComparison.Ordinal);
        Assert.Contains("No replication tasks.", text, StringComparison.Ordinal);
        Assert.Contains("About: pool pool1; What happened: The scrub found 1 error(s) <b>corrected</b>.; Resolved: OPEN", text, StringComparison.Ordinal);
        Assert.Contains("<td>pool1</td>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;corrected&lt;/b&gt;", html, StringComparison.Ordinal); // what an alert says is never markup
        Assert.Contains("<h2 style=\"font-size: 1.1em\">Disks</h2>", html, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_weekly_report_is_not_sent_when_it_is_off_or_email_is_not_set_up_and_sending_one_now_needs_email()
    {
        var ct = _host.Lifetime;
        var reports = _host.Get<WeeklyReportService>();
        var alerts = _host.Get<AlertService>();

        Assert.Equal("The weekly report was not sent: email is not set up.", await reports.RunAsync(ct));
        var refused = await Assert.ThrowsAsync<Domain.Common.ValidationException>(() => reports.SendNowAsync(ct));
        Assert.StartsWith("Email is not set up", refused.Message, StringComparison.Ordinal);

        await alerts.SaveSettingsAsync(new AlertSettingsRequest("127.0.0.1", _mail.Port, "none", null, null, "nas@example.com", "admin@example.com", null, WeeklyReport: false), ct);
        Assert.Equal("The weekly report is off.", await reports.RunAsync(ct));
        Assert.Equal(0, _mail.Count);
        Assert.False(alerts.Settings().WeeklyReport);
    }

    /// <summary>The message as delivered, without the sink's envelope lines.</summary>
    private static MimeMessage Parse(string delivered)
    {
        var raw = string.Join('\n', delivered.Split('\n').SkipWhile(l => l.StartsWith("RCPT: ", StringComparison.Ordinal)));
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(raw));
        return MimeMessage.Load(stream);
    }
}
