using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>Alerts of a real appliance, mailed to a real SMTP server and posted to a real webhook.</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class AlertTests(TwoAppliances two)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 300_000)]
    public async Task A_failed_run_is_shown_mailed_and_posted_once_and_so_is_its_resolution()
    {
        using var mail = new MailSink(two.Gateway);
        using var hook = new WebhookSink(two.Gateway);
        try
        {
            var settings = await Ok(two.A.PutAsJsonAsync("/api/alerts/settings", new
            {
                smtpHost = two.Gateway,
                smtpPort = mail.Port,
                smtpSecurity = "none",
                emailFrom = "nas@example.com",
                emailTo = "admin@example.com, oncall@example.com",
                webhookUrl = hook.Url,
            }));
            Assert.Equal("admin@example.com, oncall@example.com", settings.GetProperty("emailTo").GetString());

            // The admin checks the settings.
            var tested = (await Ok(two.A.PostAsync(new Uri("/api/alerts/settings/test", UriKind.Relative), null))).EnumerateArray().ToList();
            Assert.Equal(["email", "webhook"], tested.Select(r => r.GetProperty("channel").GetString()));
            Assert.All(tested, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind));
            var test = await mail.NextAsync(Within);
            Assert.Contains("RCPT: <admin@example.com>\nRCPT: <oncall@example.com>", test, StringComparison.Ordinal);
            Assert.Contains("Subject: [Rockstor source] Test of the alert settings", test, StringComparison.Ordinal);
            Assert.Contains("\"event\":\"test\"", await hook.NextAsync(Within), StringComparison.Ordinal);

            // A task whose pool is missing on the destination fails: one alert, told once.
            var path = await two.CreateShareAsync("alerted");
            WriteData(path, seed: 40, smallFiles: 10, largeMiB: 0);
            var taskId = await two.AddTaskAsync("alerted", pool: "gone");
            Assert.Equal("failed", (await two.FinishedAsync(taskId, 1)).GetProperty("status").GetString());

            var raised = await mail.NextAsync(Within);
            Assert.Contains("Subject: [Rockstor source] Replication failed: alerted to destination (pool gone)", raised, StringComparison.Ordinal);
            Assert.Contains("Pool 'gone' does not exist on the destination", raised, StringComparison.Ordinal);
            using (var posted = JsonDocument.Parse(await hook.NextAsync(Within)))
            {
                var body = posted.RootElement;
                Assert.Equal(("raised", "runFailed", taskId), (body.GetProperty("event").GetString(), body.GetProperty("kind").GetString(), body.GetProperty("taskId").GetInt32()));
                Assert.Equal(SourceId, body.GetProperty("appliance").GetProperty("id").GetString());
                Assert.Contains("Pool 'gone' does not exist", body.GetProperty("message").GetString(), StringComparison.Ordinal);
            }

            // The alert records that it was told once the last channel has answered: the sink has the body a moment before.
            var open = await ToldAsync(taskId);
            Assert.Equal("runFailed", open.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, open.GetProperty("notifyError").ValueKind);

            // It fails again: still the one alert.
            Assert.Equal("failed", (await two.RunAsync(taskId, finishedBefore: 1)).GetProperty("status").GetString());
            Assert.Single(await TrailAsync(two.A, "/api/alerts?open=true"), a => a.GetProperty("taskId").GetInt32() == taskId);

            // The admin fixes the task: the next run succeeds and resolves the alert, which is told. A run's
            // end shows in its trail before anyone is told of it, so no pause proves that the second failure
            // told nobody; what is told after it does: the resolution, then the admin's test, are the next
            // deliveries on both channels, and nothing else came.
            await Ok(two.A.PutAsJsonAsync($"/api/replication/tasks/{taskId}", new { targetPool = Pool }));
            two.AssertSucceeded(await two.RunAsync(taskId, finishedBefore: 2));

            Assert.Contains("Subject: [Rockstor source] Resolved: replication of alerted to destination (pool gone)", await mail.NextAsync(Within), StringComparison.Ordinal);
            Assert.Contains("\"event\":\"resolved\"", await hook.NextAsync(Within), StringComparison.Ordinal);
            await Ok(two.A.PostAsync(new Uri("/api/alerts/settings/test", UriKind.Relative), null));
            Assert.Contains("Subject: [Rockstor source] Test of the alert settings", await mail.NextAsync(Within), StringComparison.Ordinal);
            Assert.Contains("\"event\":\"test\"", await hook.NextAsync(Within), StringComparison.Ordinal);
            Assert.Equal((4, 4), (mail.Count, hook.Count)); // test, raised, resolved, test: nobody was told twice
            Assert.DoesNotContain(await TrailAsync(two.A, "/api/alerts?open=true"), a => a.GetProperty("taskId").GetInt32() == taskId);
            var resolved = (await TrailAsync(two.A, "/api/alerts")).Single(a => a.GetProperty("taskId").GetInt32() == taskId);
            Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("resolvedAt").ValueKind);
        }
        finally
        {
            await Ok(two.A.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "", webhookUrl = "" }));
        }
    }

    /// <summary>The task's open alert once it records having been told.</summary>
    private Task<JsonElement> ToldAsync(int taskId) => Waiting.UntilAsync(
        async () =>
        {
            var open = (await TrailAsync(two.A, "/api/alerts?open=true")).Single(a => a.GetProperty("taskId").GetInt32() == taskId);
            Assert.NotEqual(JsonValueKind.Null, open.GetProperty("notifiedAt").ValueKind);
            return open;
        },
        Within);

    [Fact(Timeout = 120_000)]
    public async Task Alert_settings_refuse_what_cannot_work_and_never_show_the_password_back()
    {
        var badAddress = await two.A.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "mail.example.com", emailFrom = "nas", emailTo = "admin@example.com" });
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Contains("The sender (from) 'nas' is not an email address.", await badAddress.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badHook = await two.A.PutAsJsonAsync("/api/alerts/settings", new { webhookUrl = "ftp://hooks.example.com" });
        Assert.Equal(HttpStatusCode.BadRequest, badHook.StatusCode);
        var nothing = await two.A.PostAsync(new Uri("/api/alerts/settings/test", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("No alert channel is set up", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        try
        {
            await Ok(two.A.PutAsJsonAsync("/api/alerts/settings", new
            {
                smtpHost = "mail.example.com", smtpSecurity = "tls", smtpUsername = "nas", smtpPassword = "s3cret", emailFrom = "nas@example.com", emailTo = "admin@example.com",
            }));
            var shown = await two.A.GetStringAsync(new Uri("/api/alerts/settings", UriKind.Relative));

            Assert.DoesNotContain("s3cret", shown, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(shown);
            Assert.True(json.RootElement.GetProperty("smtpPasswordSet").GetBoolean());
            Assert.Equal(465, json.RootElement.GetProperty("smtpPort").GetInt32()); // TLS's port when none is given
            using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = two.A.BaseAddress };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/alerts/settings", UriKind.Relative))).StatusCode);
        }
        finally
        {
            await Ok(two.A.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "", webhookUrl = "" }));
        }
    }
}
