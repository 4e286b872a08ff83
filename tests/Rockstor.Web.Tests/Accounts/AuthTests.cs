using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Accounts;

public sealed partial class AuthTests : IAsyncLifetime
{
    private readonly ApplianceProcess _appliance = new(new Dictionary<string, string> { ["Rockstor__LoginAttemptsPerMinute"] = "5" });

    public Task InitializeAsync() => _appliance.StartAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 120_000)]
    public async Task Before_setup_pages_lead_to_setup_and_setup_is_accepted_only_once()
    {
        using var client = _appliance.CreateClient();

        var page = await client.GetAsync(new Uri("/storage/pools", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/setup", page.Headers.Location?.OriginalString);

        var badHostname = await client.PostAsJsonAsync("/api/setup", new { username = "admin", password = "long-enough", hostname = "-bad" });
        Assert.Equal(HttpStatusCode.BadRequest, badHostname.StatusCode);

        var first = await client.PostAsJsonAsync("/api/setup", new { username = "admin", password = "long-enough", hostname = "0nas" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var appliance = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("0nas", appliance.GetProperty("hostname").GetString());

        var second = await client.PostAsJsonAsync("/api/setup", new { username = "evil", password = "long-enough", hostname = "x" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already set up", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var wrongUser = await client.PostAsJsonAsync("/api/auth/token", new { username = "evil", password = "long-enough" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_api_route_and_page_needs_a_login()
    {
        using var admin = await _appliance.SetUpAndLogInAsync();
        var document = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        using var anonymous = _appliance.CreateClient();

        var checkedRoutes = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var route = RouteParameter().Replace(path.Name, "x");
                if (route is "/api/setup" or "/api/auth/token" or "/api/pairing")
                {
                    continue;
                }

                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), route)
                {
                    Content = JsonContent.Create(new { }),
                };
                var response = await anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation.Name} {route} answered {response.StatusCode}");
                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes >= 12, $"only {checkedRoutes} routes were listed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        foreach (var page in new[] { "/", "/storage/disks", "/storage/pools", "/storage/shares", "/storage/snapshots", "/storage/schedules", "/system/users", "/system" })
        {
            var response = await anonymous.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://127.0.0.1", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.Contains("/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        using var forged = _appliance.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_login_form_sets_a_cookie_that_opens_the_pages()
    {
        (await _appliance.SetUpAndLogInAsync(password: "correct-horse")).Dispose();
        using var browser = _appliance.CreateClient();
        var loginPage = await browser.GetStringAsync(new Uri("/login?returnUrl=%2Fstorage%2Fsnapshots", UriKind.Relative));
        var antiforgery = AntiforgeryField().Match(loginPage).Groups[1].Value;

        var wrong = await browser.PostAsync(new Uri("/account/login", UriKind.Relative), Form(antiforgery, "admin", "wrong-horse", "/storage/snapshots"));
        Assert.Equal("/login?error=credentials&returnUrl=%2Fstorage%2Fsnapshots", wrong.Headers.Location?.OriginalString);

        var right = await browser.PostAsync(new Uri("/account/login", UriKind.Relative), Form(antiforgery, "admin", "correct-horse", "/storage/snapshots"));
        Assert.Equal("/storage/snapshots", right.Headers.Location?.OriginalString);

        var page = await browser.GetAsync(new Uri("/storage/snapshots", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/login", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Login_attempts_are_rate_limited()
    {
        (await _appliance.SetUpAndLogInAsync()).Dispose(); // two of the five attempts: setup and token
        using var client = _appliance.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "guess" + i })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var right = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "correct-horse" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var form = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal("/login?error=throttled", form.Headers.Location?.OriginalString);
    }

    [Fact(Timeout = 120_000)]
    public async Task Pairing_attempts_are_rate_limited()
    {
        using var client = _appliance.CreateClient();
        var offer = new { username = "admin", password = "guess", from = (object?)null };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/pairing", offer)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private static FormUrlEncodedContent Form(string antiforgery, string username, string password, string returnUrl) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = antiforgery,
        ["username"] = username,
        ["password"] = password,
        ["returnUrl"] = returnUrl,
    });

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
