using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Api;

/// <summary>Two real appliances, each on a host of its own (a network namespace with a private address).</summary>
public sealed class PairingTests : IAsyncLifetime
{
    public const string SourceId = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b";
    public const string DestinationId = "123e4567e89b12d3a456426614174000";

    private readonly AppliancePair _pair = new(SourceId, DestinationId);

    private ApplianceProcess Source => _pair.Source;

    private ApplianceProcess Destination => _pair.Destination;

    private HttpClient A => _pair.A;

    private HttpClient B => _pair.B;

    public Task InitializeAsync() => _pair.StartAsync();

    public Task DisposeAsync()
    {
        _pair.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 180_000)]
    public async Task One_request_pairs_both_sides_and_each_lists_the_other()
    {
        var response = await PairAsync(A, Destination);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var onA = Assert.Single(await ListAsync(A));
        var onB = Assert.Single(await ListAsync(B));
        Assert.Equal((DestinationId, "destination", Destination.Address, 10002), (Id(onA), onA.GetProperty("hostname").GetString(), onA.GetProperty("host").GetString(), onA.GetProperty("replicationPort").GetInt32()));
        Assert.Equal((SourceId, "source", Source.Address), (Id(onB), onB.GetProperty("hostname").GetString(), onB.GetProperty("host").GetString()));
        Assert.Equal(await FingerprintAsync(B), onA.GetProperty("certificateFingerprint").GetString());
        Assert.Equal(await FingerprintAsync(A), onB.GetProperty("certificateFingerprint").GetString());
        Assert.DoesNotContain("credential", onA.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("correct-horse", File.ReadAllText(Path.Combine(Source.Sandbox.DataDirectory, "rockstor.db")), StringComparison.Ordinal);

        var checkFromA = await A.GetFromJsonAsync<JsonElement>($"/api/appliances/{DestinationId}/check");
        var checkFromB = await B.GetFromJsonAsync<JsonElement>($"/api/appliances/{SourceId}/check");
        Assert.True(checkFromA.GetProperty("ok").GetBoolean(), checkFromA.ToString());
        Assert.True(checkFromB.GetProperty("ok").GetBoolean(), checkFromB.ToString());
    }

    [Fact(Timeout = 180_000)]
    public async Task Pairing_without_a_fingerprint_answers_with_the_certificate_s_fingerprint_and_pairs_nothing()
    {
        var response = await PairWithAsync(A, Destination, fingerprint: null);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var presented = await FingerprintAsync(B);
        Assert.Equal(presented, problem.GetProperty("fingerprint").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"{Destination.Address}:{Destination.Port} presents a certificate with the SHA-256 fingerprint {Grouped(presented)}.", detail, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to it yet.", detail, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(A));
        Assert.Empty(await ListAsync(B));
    }

    [Fact(Timeout = 180_000)]
    public async Task Repeating_the_request_with_the_fingerprint_it_answered_pairs_both_sides()
    {
        var first = await PairWithAsync(A, Destination, fingerprint: null);
        var presented = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fingerprint").GetString();

        var confirmed = await PairWithAsync(A, Destination, presented);

        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(DestinationId, Id(Assert.Single(await ListAsync(A))));
        Assert.Equal(SourceId, Id(Assert.Single(await ListAsync(B))));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_fingerprint_typed_in_groups_or_with_colons_in_lower_case_pairs_in_one_step()
    {
        var typed = string.Join(':', (await FingerprintAsync(B)).ToLowerInvariant().Chunk(2).Select(pair => new string(pair)));

        var response = await PairWithAsync(A, Destination, typed);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(await ListAsync(B));
    }

    [Fact(Timeout = 180_000)]
    public async Task The_admin_password_goes_only_to_a_certificate_confirmed_by_its_fingerprint()
    {
        await using var stranger = await PairingSink.StartAsync(_pair.Network.Gateway);
        var theirPassword = "their-admin-password-" + Guid.NewGuid().ToString("N");
        object Pairing(string? fingerprint) => new { host = stranger.Address, mgmtPort = stranger.Port, username = "admin", password = theirPassword, fingerprint };

        var unconfirmed = await A.PostAsJsonAsync("/api/appliances", Pairing(null));
        var wrong = await A.PostAsJsonAsync("/api/appliances", Pairing(await FingerprintAsync(B)));

        Assert.Equal(HttpStatusCode.PreconditionRequired, unconfirmed.StatusCode);
        Assert.Equal(stranger.Fingerprint, (await unconfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fingerprint").GetString());
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.True(stranger.Handshakes >= 2, $"{stranger.Handshakes} handshakes"); // its certificate was read, twice
        Assert.Empty(stranger.Requests); // and not one request was sent to it
        Assert.Empty(await ListAsync(A));

        var confirmed = await A.PostAsJsonAsync("/api/appliances", Pairing(stranger.Fingerprint));

        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        var offer = Assert.Single(stranger.Requests);
        Assert.Equal(("POST", "/api/pairing"), (offer.Method, offer.Path));
        Assert.Contains(theirPassword, offer.Body, StringComparison.Ordinal); // what it would have seen, had it been sent
        Assert.Equal(PairingSink.Id, Id(Assert.Single(await ListAsync(A))));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_wrong_password_is_refused_and_nothing_is_stored_on_either_side()
    {
        var response = await PairAsync(A, Destination, password: "wrong-horse");

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "refused the admin username or password");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_certificate_that_does_not_match_the_fingerprint_given_is_refused()
    {
        var response = await PairWithAsync(A, Destination, fingerprint: new string('A', 64));

        await AssertRefusedAsync(response, HttpStatusCode.Conflict, "does not match the fingerprint you entered");
    }

    [Fact(Timeout = 180_000)]
    public async Task An_unreachable_host_is_refused_with_a_clear_message()
    {
        var response = await A.PostAsJsonAsync("/api/appliances", new { host = _pair.Network.NobodyAddress, mgmtPort = 8443, username = "admin", password = "correct-horse" });

        await AssertRefusedAsync(response, HttpStatusCode.BadGateway, $"Could not reach {_pair.Network.NobodyAddress}:8443");
    }

    [Fact(Timeout = 180_000)]
    public async Task Pairing_an_appliance_with_itself_is_refused()
    {
        var response = await PairAsync(A, Source);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "is this appliance");
    }

    [Fact(Timeout = 180_000)]
    public async Task Pairing_twice_is_refused_and_the_first_pairing_stays()
    {
        Assert.Equal(HttpStatusCode.Created, (await PairAsync(A, Destination)).StatusCode);

        var again = await PairAsync(A, Destination);
        var fromOtherSide = await PairAsync(B, Source);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already paired with destination", await DetailAsync(again), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, fromOtherSide.StatusCode);
        Assert.Single(await ListAsync(A));
        Assert.Single(await ListAsync(B));
    }

    [Fact(Timeout = 180_000)]
    public async Task Removing_on_one_side_removes_on_the_other()
    {
        await PairAsync(A, Destination);

        var removal = await B.DeleteAsync(new Uri($"/api/appliances/{SourceId}", UriKind.Relative));

        Assert.Equal("removed", (await removal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Empty(await ListAsync(B));
        Assert.Empty(await ListAsync(A));
    }

    [Fact(Timeout = 240_000)]
    public async Task An_appliance_removed_while_unreachable_is_told_when_it_is_back()
    {
        await PairAsync(A, Destination);
        Destination.Kill();

        var removal = await A.DeleteAsync(new Uri($"/api/appliances/{DestinationId}", UriKind.Relative));

        Assert.Equal("otherSidePending", (await removal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal("removalPending", Assert.Single(await ListAsync(A)).GetProperty("state").GetString());

        await Destination.StartAsync();
        Assert.Single(await ListAsync(B));
        Source.Kill();
        await Source.StartAsync(); // the retry runs at start, then every few minutes

        using var a = await Source.LogInAsync();
        await Waiting.UntilAsync(async () => Assert.Empty(await ListAsync(a)));
        Assert.Empty(await ListAsync(B));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_changed_certificate_is_refused_until_the_admin_pairs_again()
    {
        await PairAsync(A, Destination);
        Destination.Kill();
        File.Delete(Path.Combine(Destination.Sandbox.DataDirectory, "tls", "appliance.pfx"));
        await Destination.StartAsync();

        var check = await A.GetFromJsonAsync<JsonElement>($"/api/appliances/{DestinationId}/check");
        Assert.False(check.GetProperty("ok").GetBoolean());
        Assert.Contains("different certificate", check.GetProperty("message").GetString(), StringComparison.Ordinal);

        var repaired = await PairAsync(A, Destination);

        Assert.Equal(HttpStatusCode.Created, repaired.StatusCode);
        var onA = Assert.Single(await ListAsync(A));
        Assert.Equal(await FingerprintAsync(B), onA.GetProperty("certificateFingerprint").GetString());
        Assert.True((await A.GetFromJsonAsync<JsonElement>($"/api/appliances/{DestinationId}/check")).GetProperty("ok").GetBoolean());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_paired_appliance_reaches_only_the_peer_routes()
    {
        await PairAsync(A, Destination);
        using var anonymous = Destination.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = new("RockstorPeer", $"{SourceId}:not-the-credential");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/peer/hello", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync(new Uri($"/api/peer/appliances/{SourceId}", UriKind.Relative))).StatusCode);
        Assert.Single(await ListAsync(B));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await DetailAsync(response), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(A));
        Assert.Empty(await ListAsync(B));
    }

    /// <summary>Pairs with the other appliance, giving the fingerprint its own API shows (what its admin reads on its About page).</summary>
    private async Task<HttpResponseMessage> PairAsync(HttpClient from, ApplianceProcess to, string password = "correct-horse") =>
        await PairWithAsync(from, to, await FingerprintAsync(to == Destination ? B : A), password);

    private static Task<HttpResponseMessage> PairWithAsync(HttpClient from, ApplianceProcess to, string? fingerprint, string password = "correct-horse") =>
        from.PostAsJsonAsync("/api/appliances", new { host = to.Address, mgmtPort = to.Port, username = "admin", password, fingerprint });

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/appliances")).EnumerateArray().ToList();

    private static async Task<string> FingerprintAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString()!;

    private static string? Id(JsonElement appliance) => appliance.GetProperty("id").GetString();

    private static string Grouped(string fingerprint) => string.Join(' ', fingerprint.Chunk(4).Select(group => new string(group)));
}
