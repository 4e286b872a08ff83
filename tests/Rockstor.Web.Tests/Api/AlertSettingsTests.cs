using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Api;

/// <summary>The alert settings of a real appliance on this machine's loopback, with a webhook endpoint of the test's own there.</summary>
public sealed class AlertSettingsTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IAsyncLifetime
{
    private HttpClient Admin => fixture.Admin;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() =>
        (await Admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "", webhookUrl = "" })).EnsureSuccessStatusCode();

    [Theory(Timeout = 60_000)]
    [InlineData("mail.example.com:587")]
    [InlineData("smtp://mail.example.com")]
    [InlineData("mail.example.com/relay")]
    [InlineData("mail example.com")]
    [InlineData("-oProxyCommand=x")]
    public async Task An_smtp_server_that_is_not_a_host_name_or_address_is_refused(string host)
    {
        var response = await Admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = host, emailFrom = "nas@example.com", emailTo = "admin@example.com" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"The SMTP server '{host}' is not a host name or IP address.", await DetailAsync(response), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await SettingsAsync()).GetProperty("smtpHost").ValueKind);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("mail.example.com")]
    [InlineData("192.0.2.25")]
    [InlineData("2001:db8::25")]
    public async Task An_smtp_server_named_by_host_name_or_address_is_saved(string host)
    {
        var response = await Admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = host, emailFrom = "nas@example.com", emailTo = "admin@example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(host, (await SettingsAsync()).GetProperty("smtpHost").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_weekly_report_is_on_by_default_one_is_mailed_at_once_when_asked_and_it_can_be_turned_off()
    {
        using var mail = new MailSink("127.0.0.1");
        var before = await SettingsAsync();
        using var none = await Admin.PostAsync(new Uri("/api/alerts/report", UriKind.Relative), null);
        (await Admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "127.0.0.1", smtpPort = mail.Port, smtpSecurity = "none", emailFrom = "nas@example.com", emailTo = "admin@example.com" })).EnsureSuccessStatusCode();

        using var sent = await Admin.PostAsync(new Uri("/api/alerts/report", UriKind.Relative), null);
        var report = await mail.NextWithAsync("Weekly status", TimeSpan.FromSeconds(30));
        using var off = await Admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "127.0.0.1", smtpPort = mail.Port, smtpSecurity = "none", emailFrom = "nas@example.com", emailTo = "admin@example.com", weeklyReport = false });

        Assert.True(before.GetProperty("weeklyReport").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.StartsWith("Email is not set up", await DetailAsync(none), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.False(string.IsNullOrEmpty((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("headline").GetString()));
        Assert.Contains("RCPT: <admin@example.com>", report, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", report, StringComparison.Ordinal);
        Assert.False((await SettingsAsync()).GetProperty("weeklyReport").GetBoolean());
        (await Admin.PutAsJsonAsync("/api/alerts/settings", new { weeklyReport = true })).EnsureSuccessStatusCode();
    }

    [Fact(Timeout = 60_000)]
    public async Task Pool_fill_thresholds_default_to_80_and_90_and_a_warning_not_below_the_critical_one_is_refused()
    {
        var before = await SettingsAsync();
        using var refused = await Admin.PutAsJsonAsync("/api/alerts/settings", new { capacityWarnPercent = 90, capacityCriticalPercent = 85 });
        using var saved = await Admin.PutAsJsonAsync("/api/alerts/settings", new { capacityWarnPercent = 70, capacityCriticalPercent = 85 });

        Assert.Equal((80, 90), (before.GetProperty("capacityWarnPercent").GetInt32(), before.GetProperty("capacityCriticalPercent").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("A pool's fill thresholds are percents from 1 to 99, the warning below the critical one (not 90% and 85%).", await ApiResponses.DetailAsync(refused));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await SettingsAsync();
        Assert.Equal((70, 85), (after.GetProperty("capacityWarnPercent").GetInt32(), after.GetProperty("capacityCriticalPercent").GetInt32()));
        using var back = await Admin.PutAsJsonAsync("/api/alerts/settings", new { capacityWarnPercent = 80, capacityCriticalPercent = 90 });
    }

    [Fact(Timeout = 60_000)]
    public async Task A_webhook_on_the_appliance_s_loopback_is_refused_until_the_admin_allows_it_then_it_is_posted_to()
    {
        using var hook = new WebhookSink("127.0.0.1");
        var byName = hook.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        foreach (var url in new[] { hook.Url, byName, $"http://[::1]:{hook.Port}/hooks" })
        {
            var refused = await Admin.PutAsJsonAsync("/api/alerts/settings", new { webhookUrl = url });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("is this appliance (a loopback address", await DetailAsync(refused), StringComparison.Ordinal);
        }

        var unset = await SettingsAsync();
        Assert.Equal(JsonValueKind.Null, unset.GetProperty("webhookUrl").ValueKind);
        Assert.False(unset.GetProperty("allowLoopbackWebhook").GetBoolean());

        var allowed = await Admin.PutAsJsonAsync("/api/alerts/settings", new { webhookUrl = byName, allowLoopbackWebhook = true });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True((await SettingsAsync()).GetProperty("allowLoopbackWebhook").GetBoolean());

        var tested = await (await Admin.PostAsync(new Uri("/api/alerts/settings/test", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, tested[0].GetProperty("error").ValueKind);
        Assert.Contains("\"event\":\"test\"", await hook.NextAsync(TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
    }

    private async Task<JsonElement> SettingsAsync() => await Admin.GetFromJsonAsync<JsonElement>("/api/alerts/settings");
}
