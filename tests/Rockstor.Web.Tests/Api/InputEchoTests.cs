using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rockstor.Web.Tests.Api;

/// <summary>A refusal repeats only the start of what was sent (64 characters and "…"), wherever it is refused.</summary>
public sealed class InputEchoTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private static readonly string Long = "x" + new string('y', 4000) + "!";

    private HttpClient Admin => fixture.Admin;

    [Fact(Timeout = 60_000)]
    public async Task A_long_invalid_pool_name_is_cut_in_the_refusal()
    {
        await AssertCutAsync(await Admin.PostAsJsonAsync("/api/pools", new { name = Long, imageSizeGiB = 1 }), HttpStatusCode.BadRequest, "is not a valid pool name");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_long_name_in_the_address_that_names_nothing_is_cut_in_the_answer()
    {
        await AssertCutAsync(await Admin.DeleteAsync(new Uri($"/api/shares/{Long[..1500]}", UriKind.Relative)), HttpStatusCode.NotFound, "There is no share named");
        await AssertCutAsync(await Admin.PutAsJsonAsync($"/api/services/{Long[..1500]}", new { enabled = true }), HttpStatusCode.NotFound, "There is no service named");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_query_value_that_cannot_be_read_is_cut_in_the_answer()
    {
        await AssertCutAsync(await Admin.GetAsync(new Uri($"/api/snapshots?take={Long[..1500]}", UriKind.Relative)), HttpStatusCode.BadRequest, "Failed to bind parameter");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_long_host_to_pair_with_is_cut_in_the_refusal()
    {
        await AssertCutAsync(
            await Admin.PostAsJsonAsync("/api/appliances", new { host = Long, mgmtPort = 8443, username = "admin", password = "correct-horse" }),
            HttpStatusCode.BadRequest,
            "is not a host name or IP address");
    }

    [Fact(Timeout = 60_000)]
    public async Task Long_alert_settings_are_cut_in_the_refusal()
    {
        await AssertCutAsync(await Admin.PutAsJsonAsync("/api/alerts/settings", new { webhookUrl = "ftp://" + Long }), HttpStatusCode.BadRequest, "is not a web address");
        await AssertCutAsync(
            await Admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "mail.example.com", emailFrom = Long, emailTo = "admin@example.com" }),
            HttpStatusCode.BadRequest,
            "is not an email address");
    }

    /// <summary>The refusal says what it says, repeats the start of the value and "…", and no more of it.</summary>
    private static async Task AssertCutAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(says, detail, StringComparison.Ordinal);
        Assert.Contains(new string('y', 20) + "…", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('y', 64), detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 300, detail);
        Assert.True(body.Length < 1000, body);
    }
}
