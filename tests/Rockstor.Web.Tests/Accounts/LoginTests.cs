using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rockstor.Testing;
using Rockstor.Web.Tests.Api;

namespace Rockstor.Web.Tests.Accounts;

/// <summary>Logins on an appliance that is set up, shared by the tests: every route asks for one, the login form gives one.</summary>
public sealed partial class LoginTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly ApplianceProcess _appliance = fixture.Appliance;

    [Fact(Timeout = 120_000)]
    public async Task Every_api_route_and_page_needs_a_login()
    {
        var document = await fixture.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
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
