using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using Xunit.Abstractions;

namespace Rockstor.Web.Tests.Accounts;

/// <summary>Logins end: logging out and changing the password revoke what was issued before; sessions have an absolute lifetime.</summary>
public sealed class SessionTests(ITestOutputHelper output)
{
    private const string Password = "correct-horse";

    [Fact(Timeout = 120_000)]
    public async Task A_cookie_and_a_token_reused_after_logging_out_are_refused()
    {
        using var appliance = await StartAsync();
        using var script = await appliance.SetUpAndLogInAsync(password: Password);
        var cookies = new CookieContainer();
        using var browser = await appliance.LogInWithFormAsync(password: Password, cookies: cookies);
        var cookie = cookies.GetCookieHeader(appliance.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/logout", UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        logout.Headers.Add("Origin", appliance.Origin);
        var loggedOut = await browser.SendAsync(logout);
        Assert.Equal("/login", loggedOut.Headers.Location?.OriginalString);

        // The cookie as it was before the logout, sent again (as a thief who copied it would).
        using var replay = WithCookie(appliance, cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
        var page = await replay.GetAsync(new Uri("/storage/pools", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        using var again = await appliance.LogInWithFormAsync(password: Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_token_issued_before_a_password_change_is_refused_and_the_new_password_logs_in()
    {
        using var appliance = await StartAsync();
        using var before = await appliance.SetUpAndLogInAsync(password: Password);
        using var browser = await appliance.LogInWithFormAsync(password: Password);
        using var changer = await appliance.LogInAsync(password: Password);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        var changed = await changer.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "a new long secret" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await changer.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
        using var anonymous = appliance.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = Password })).StatusCode);
        using var after = await appliance.LogInAsync(password: "a new long secret");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_cookie_and_a_token_in_use_are_refused_once_past_their_absolute_lifetime()
    {
        var lifetime = TimeSpan.FromSeconds(10);
        using var appliance = await StartAsync(new Dictionary<string, string> { ["Rockstor__SessionLifetime"] = lifetime.ToString() });
        (await appliance.SetUpAndLogInAsync(password: Password)).Dispose();
        var loggedInAt = Stopwatch.StartNew();
        using var browser = await appliance.LogInWithFormAsync(password: Password);
        using var anonymous = appliance.CreateClient();
        var pair = await (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        using var script = appliance.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", pair.GetProperty("accessToken").GetString());

        // Both are used every second (the sliding window keeps moving) until the absolute lifetime is over.
        while (loggedInAt.Elapsed < lifetime - TimeSpan.FromSeconds(3))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
            await Task.Delay(1000);
        }

        // Each is refused once its own lifetime is over (the token was issued a moment after the cookie), not before.
        await Waiting.UntilAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode), lifetime);
        await Waiting.UntilAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode), lifetime);

        Assert.True(loggedInAt.Elapsed >= lifetime - TimeSpan.FromSeconds(1), $"refused after {loggedInAt.Elapsed}, before the lifetime of {lifetime}");
        var page = await browser.GetAsync(new Uri("/storage/pools", UriKind.Relative));
        Assert.Contains("/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        var refreshed = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = pair.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        Assert.Contains("log in again", await refreshed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_refresh_token_gives_a_new_pair_once_and_a_reused_one_ends_its_whole_chain()
    {
        using var appliance = await StartAsync();
        (await appliance.SetUpAndLogInAsync(password: Password)).Dispose();
        using var anonymous = appliance.CreateClient();
        var first = await (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        var firstRefresh = first.GetProperty("refreshToken").GetString();

        var rotated = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = firstRefresh });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(firstRefresh, second.GetProperty("refreshToken").GetString());
        using var script = appliance.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", second.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        // The used one again: refused, and since a copy of it is about, the chain it belongs to ends.
        var replayed = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = firstRefresh });
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("already been used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var afterReplay = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        var forged = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Changing_the_password_with_a_wrong_current_password_is_refused_with_a_sentence_and_changes_nothing()
    {
        using var appliance = await StartAsync();
        using var admin = await appliance.SetUpAndLogInAsync(password: Password);

        var wrong = await admin.PostAsJsonAsync("/api/account/password", new { currentPassword = "not-the-password", newPassword = "a new long secret" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("The current password is wrong; the password was not changed.", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var tooShort = await admin.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 8 characters", (await tooShort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
        (await appliance.LogInAsync(password: Password)).Dispose();
        using var anonymous = appliance.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "a new long secret" })).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_hostname_change_shows_in_the_appliance_answer_and_a_bad_one_is_refused()
    {
        using var appliance = await StartAsync();
        using var admin = await appliance.SetUpAndLogInAsync(password: Password, hostname: "nas1");

        var renamed = await admin.PutAsJsonAsync("/api/appliance", new { hostname = "office-nas" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("office-nas", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hostname").GetString());
        Assert.Equal("office-nas", (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("hostname").GetString());

        var bad = await admin.PutAsJsonAsync("/api/appliance", new { hostname = "-office" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a valid hostname", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("office-nas", (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("hostname").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task An_unknown_user_name_takes_as_long_to_refuse_as_a_wrong_password()
    {
        using var appliance = await StartAsync();
        (await appliance.SetUpAndLogInAsync(password: Password)).Dispose();
        using var client = appliance.CreateClient();

        async Task<double> RefusalAsync(string username)
        {
            var watch = Stopwatch.StartNew();
            var answer = await client.PostAsJsonAsync("/api/auth/token", new { username, password = "wrong-horse" });
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        await RefusalAsync("admin");
        await RefusalAsync("nobody");
        var wrongPassword = new List<double>();
        var unknownUser = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            wrongPassword.Add(await RefusalAsync("admin"));
            unknownUser.Add(await RefusalAsync($"nobody{i}"));
        }

        var (wrong, unknown) = (Median(wrongPassword), Median(unknownUser));
        output.WriteLine($"medians of 9: unknown user {unknown:F1} ms, wrong password {wrong:F1} ms");
        Assert.True(unknown >= 0.5 * wrong, $"unknown user {unknown:F1} ms, wrong password {wrong:F1} ms (medians of 9)");
    }

    private static async Task<ApplianceProcess> StartAsync(Dictionary<string, string>? settings = null)
    {
        var appliance = new ApplianceProcess(settings);
        try
        {
            await appliance.StartAsync();
            return appliance;
        }
        catch
        {
            appliance.Dispose();
            throw;
        }
    }

    /// <summary>A client that sends exactly this Cookie header and keeps no cookies of its own.</summary>
    private static HttpClient WithCookie(ApplianceProcess appliance, string cookie)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = appliance.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
