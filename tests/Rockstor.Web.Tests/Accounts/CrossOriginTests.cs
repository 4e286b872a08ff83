using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Rockstor.Testing;
using Rockstor.Web.Tests.Api;

namespace Rockstor.Web.Tests.Accounts;

/// <summary>
/// A page served from another origin of the same host (another port) gets the browser to send the login
/// cookie along (same site): what it asks for must be refused, what the appliance's own pages ask for not.
/// The tests share the set-up appliance; logging out ends every login of the admin, so each test logs in itself.
/// </summary>
public sealed class CrossOriginTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IDisposable
{
    private const string Password = "correct-horse";

    private readonly ApplianceProcess _appliance = fixture.Appliance;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));

    /// <summary>Another origin on the same host: what a page on another port of the machine would be.</summary>
    private string OtherOrigin => $"https://{_appliance.Address}:{_appliance.Port + 1}";

    public void Dispose() => _timeout.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task A_cross_origin_form_post_with_the_cookie_is_refused_while_the_own_origin_and_a_bearer_token_succeed()
    {
        using var script = await _appliance.LogInAsync(password: Password);
        (await script.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 })).EnsureSuccessStatusCode();
        (await script.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "docs" })).EnsureSuccessStatusCode();
        (await script.PostAsJsonAsync("/api/shares/docs/snapshots", new { name = "monday" })).EnsureSuccessStatusCode();
        using var browser = await _appliance.LogInWithFormAsync(password: Password);
        const string rollback = "/api/shares/docs/snapshots/monday/rollback";

        // What Chromium sends for a plain <form method=post> on a page at another port of this host.
        var fromElsewhere = await browser.SendAsync(FormPost(rollback, OtherOrigin, "same-site"));
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        var problem = await fromElsewhere.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("This request came from a page of another site or port; the appliance accepts changes only from its own pages, or with a bearer token.", problem.GetProperty("detail").GetString());

        // An older browser names only the Origin; a client that names neither but carries the cookie is refused too.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(FormPost(rollback, OtherOrigin, fetchSite: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(FormPost(rollback, origin: null, fetchSite: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(FormPost(rollback, "null", "cross-site"))).StatusCode);
        var snapshots = await script.GetFromJsonAsync<JsonElement>("/api/snapshots?share=docs");
        Assert.Equal(1, snapshots.GetProperty("total").GetInt32()); // no rollback happened: it would have kept the current state as a snapshot

        var fromItself = await browser.SendAsync(FormPost(rollback, _appliance.Origin, "same-origin"));
        Assert.True(fromItself.StatusCode == HttpStatusCode.OK, await fromItself.Content.ReadAsStringAsync());

        using var withToken = FormPost(rollback, OtherOrigin, "same-site");
        withToken.Headers.Authorization = new("Bearer", script.DefaultRequestHeaders.Authorization!.Parameter);
        using var tokenOnly = _appliance.CreateClient();
        var byToken = await tokenOnly.SendAsync(withToken);
        Assert.True(byToken.StatusCode == HttpStatusCode.OK, $"{byToken.StatusCode} {await byToken.Content.ReadAsStringAsync()} {byToken.Headers}");
        Assert.Equal(3, (await script.GetFromJsonAsync<JsonElement>("/api/snapshots?share=docs")).GetProperty("total").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Logging_out_from_a_page_of_another_origin_is_refused_and_the_login_stays()
    {
        using var browser = await _appliance.LogInWithFormAsync(password: Password);

        var refused = await browser.SendAsync(FormPost("/account/logout", OtherOrigin, "same-site"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        var own = await browser.SendAsync(FormPost("/account/logout", _appliance.Origin, "same-origin"));
        Assert.Equal("/login", own.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_cross_origin_websocket_upgrade_to_the_circuit_or_the_hub_is_refused_and_the_own_origin_connects()
    {
        var cookies = new CookieContainer();
        (await _appliance.LogInWithFormAsync(password: Password, cookies: cookies)).Dispose();

        foreach (var path in new[] { "/_blazor", "/hubs/replication", "/hubs/storage" })
        {
            using var foreign = Socket(cookies, OtherOrigin);
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(WebSocketAddress(path), _timeout.Token));
            Assert.True(foreign.HttpStatusCode == HttpStatusCode.Forbidden, $"{path}: {foreign.HttpStatusCode} {refused.Message}");

            using var own = Socket(cookies, _appliance.Origin);
            await own.ConnectAsync(WebSocketAddress(path), _timeout.Token);
            Assert.Equal(WebSocketState.Open, own.State);
            await own.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", _timeout.Token);
        }
    }

    private Uri WebSocketAddress(string path) => new($"wss://{_appliance.Address}:{_appliance.Port}{path}");

    private static ClientWebSocket Socket(CookieContainer cookies, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        socket.Options.CollectHttpResponseDetails = true;
        return socket;
    }

    /// <summary>A form post as a browser sends it: the Origin it names (none when null) and its Sec-Fetch-Site (none when null).</summary>
    private static HttpRequestMessage FormPost(string path, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
            request.Headers.Add("Sec-Fetch-Mode", "navigate");
            request.Headers.Add("Sec-Fetch-Dest", "document");
        }

        return request;
    }
}
