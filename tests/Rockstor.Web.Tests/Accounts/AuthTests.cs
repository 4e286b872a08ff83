using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Accounts;

/// <summary>
/// Setting up and the limits on login and pairing attempts, each test on an appliance of its own: one not set
/// up yet, or one whose limit (five attempts a minute) the test uses up.
/// </summary>
public sealed class AuthTests : IAsyncLifetime
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
}
