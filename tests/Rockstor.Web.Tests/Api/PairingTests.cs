using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Api.PairingHosts;
using static Rockstor.Web.Tests.Api.PairingRequests;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// Pairing two real appliances, each on a host of its own (a network namespace with a private address): both
/// started once for the class, and unpaired before each test.
/// </summary>
public sealed class PairingTests(PairingHosts hosts) : IClassFixture<PairingHosts>, IAsyncLifetime
{
    private ApplianceProcess Source => hosts.Pair.Source;

    private ApplianceProcess Destination => hosts.Pair.Destination;

    private HttpClient A => hosts.Pair.A;

    private HttpClient B => hosts.Pair.B;

    public Task InitializeAsync() => hosts.UnpairAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact(Timeout = 180_000)]
    public async Task One_request_pairs_both_sides_and_each_lists_the_other()
    {
        var response = await PairAsync(A, Destination, B);

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
    public async Task A_wrong_password_is_refused_and_nothing_is_stored_on_either_side()
    {
        var response = await PairAsync(A, Destination, B, password: "wrong-horse");

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
        var response = await A.PostAsJsonAsync("/api/appliances", new { host = hosts.Pair.Network.NobodyAddress, mgmtPort = 8443, username = "admin", password = "correct-horse" });

        await AssertRefusedAsync(response, HttpStatusCode.BadGateway, $"Could not reach {hosts.Pair.Network.NobodyAddress}:8443");
    }

    [Fact(Timeout = 180_000)]
    public async Task Pairing_an_appliance_with_itself_is_refused()
    {
        var response = await PairAsync(A, Source, A);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "is this appliance");
    }

    [Fact(Timeout = 180_000)]
    public async Task Pairing_twice_is_refused_and_the_first_pairing_stays()
    {
        Assert.Equal(HttpStatusCode.Created, (await PairAsync(A, Destination, B)).StatusCode);

        var again = await PairAsync(A, Destination, B);
        var fromOtherSide = await PairAsync(B, Source, A);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already paired with destination", await DetailAsync(again), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, fromOtherSide.StatusCode);
        Assert.Single(await ListAsync(A));
        Assert.Single(await ListAsync(B));
    }

    [Fact(Timeout = 180_000)]
    public async Task Removing_on_one_side_removes_on_the_other()
    {
        await PairAsync(A, Destination, B);

        var removal = await B.DeleteAsync(new Uri($"/api/appliances/{SourceId}", UriKind.Relative));

        Assert.Equal("removed", (await removal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Empty(await ListAsync(B));
        Assert.Empty(await ListAsync(A));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_paired_appliance_reaches_only_the_peer_routes()
    {
        await PairAsync(A, Destination, B);
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

    private static string Grouped(string fingerprint) => string.Join(' ', fingerprint.Chunk(4).Select(group => new string(group)));
}
