using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Api.PairingHosts;
using static Rockstor.Web.Tests.Api.PairingRequests;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// Pairing when the other side is not what it was: a stranger where an appliance was expected, an appliance
/// away while it is removed, a certificate changed. These tests kill, restart and change their appliances,
/// so each has a pair of its own.
/// </summary>
public sealed class PairingThroughChangesTests : IAsyncLifetime
{
    private readonly AppliancePair _pair = new(SourceId, DestinationId);

    private ApplianceProcess Source => _pair.Source;

    private ApplianceProcess Destination => _pair.Destination;

    private HttpClient A => _pair.A;

    private HttpClient B => _pair.B;

    public async Task InitializeAsync()
    {
        try
        {
            await _pair.StartAsync();
        }
        catch
        {
            _pair.Dispose(); // xUnit does not dispose a test class whose set-up failed
            throw;
        }
    }

    public Task DisposeAsync()
    {
        _pair.Dispose();
        return Task.CompletedTask;
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

    [Fact(Timeout = 240_000)]
    public async Task An_appliance_removed_while_unreachable_is_told_when_it_is_back()
    {
        await PairAsync(A, Destination, B);
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
        await PairAsync(A, Destination, B);
        Destination.Kill();
        File.Delete(Path.Combine(Destination.Sandbox.DataDirectory, "tls", "appliance.pfx"));
        await Destination.StartAsync();

        var check = await A.GetFromJsonAsync<JsonElement>($"/api/appliances/{DestinationId}/check");
        Assert.False(check.GetProperty("ok").GetBoolean());
        Assert.Contains("different certificate", check.GetProperty("message").GetString(), StringComparison.Ordinal);

        var repaired = await PairAsync(A, Destination, B);

        Assert.Equal(HttpStatusCode.Created, repaired.StatusCode);
        var onA = Assert.Single(await ListAsync(A));
        Assert.Equal(await FingerprintAsync(B), onA.GetProperty("certificateFingerprint").GetString());
        Assert.True((await A.GetFromJsonAsync<JsonElement>($"/api/appliances/{DestinationId}/check")).GetProperty("ok").GetBoolean());
    }
}
