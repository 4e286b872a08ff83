using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Rockstor.Testing;
using Rockstor.Web.Tests.Api;

namespace Rockstor.Web.Tests.Hosting;

/// <summary>What every answer tells the browser: HTTPS only, a content policy, no sniffing, no referrer to others, no server banner.</summary>
public sealed partial class ResponseHeaderTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly ApplianceProcess _appliance = fixture.Appliance;

    [Fact(Timeout = 120_000)]
    public async Task A_page_an_api_answer_and_an_error_carry_the_security_headers_and_no_server_header()
    {
        var admin = fixture.Admin;
        using var anonymous = _appliance.CreateClient();

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["login page"] = await anonymous.GetAsync(new Uri("/login", UriKind.Relative)),
            ["app page"] = await admin.GetAsync(new Uri("/storage/pools", UriKind.Relative)),
            ["api answer"] = await admin.GetAsync(new Uri("/api/appliance", UriKind.Relative)),
            ["api refusal"] = await anonymous.GetAsync(new Uri("/api/pools", UriKind.Relative)),
            ["api error"] = await admin.PostAsJsonAsync("/api/pools", new { name = "-bad", imageSizeGiB = 1 }),
            ["script"] = await anonymous.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative)),
        };

        foreach (var (what, answer) in answers)
        {
            var headers = answer.Headers;
            Assert.True(headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().StartsWith("max-age=31536000", StringComparison.Ordinal), $"{what}: HSTS");
            Assert.True(headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{what}: nosniff");
            Assert.True(headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "same-origin", $"{what}: Referrer-Policy");
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
            var policy = csp!.Single();
            foreach (var directive in new[] { "default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'" })
            {
                Assert.Contains(directive, policy, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
            Assert.DoesNotMatch("script-src[^;]*'unsafe-inline'", policy);
            Assert.False(headers.Contains("Server"), $"{what}: Server {string.Join(",", headers.TryGetValues("Server", out var s) ? s : [])}");
        }

        // The page's one inline script (the import map) carries the nonce its policy names.
        var html = await answers["login page"].Content.ReadAsStringAsync();
        var nonce = Regex.Match(answers["login page"].Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Matches($"<script[^>]*type=\"importmap\"[^>]*nonce=\"{Regex.Escape(nonce)}\"|<script[^>]*nonce=\"{Regex.Escape(nonce)}\"[^>]*type=\"importmap\"", html);
        var again = await anonymous.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.NotEqual(nonce, Regex.Match(again.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_antiforgery_and_login_cookies_are_secure_http_only_and_bound_to_this_host()
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = _appliance.BaseAddress };

        var page = await client.GetAsync(new Uri("/login", UriKind.Relative));
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.Contains("ntiforgery", StringComparison.Ordinal));
        AssertHardened(antiforgery);

        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["username"] = "admin", ["password"] = "correct-horse" }),
        };
        login.Headers.Add("Origin", _appliance.Origin);
        login.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var loggedIn = await client.SendAsync(login);
        Assert.Equal("/", loggedIn.Headers.Location?.OriginalString);
        var session = Assert.Single(loggedIn.Headers.GetValues("Set-Cookie"), c => !c.Contains("ntiforgery", StringComparison.Ordinal));
        AssertHardened(session);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Secure, HttpOnly, and a __Host- name: only this host's HTTPS origin can set it, for the whole path.</summary>
    private static void AssertHardened(string setCookie)
    {
        var attributes = setCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.True(attributes.Contains("secure"), setCookie);
        Assert.True(attributes.Contains("httponly"), setCookie);
        Assert.True(attributes.Contains("path=/"), setCookie);
        Assert.StartsWith("__Host-", setCookie, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
