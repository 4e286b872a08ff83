using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// The source puts its own certificate in place: the destination is told, holds it pending and refuses the
/// source's runs until its admin confirms; the next run after the confirmation succeeds. The tests share one
/// pair; each compares with the certificate the source presents when it starts, and leaves it pinned after.
/// </summary>
public sealed class CertificateRepinningTests(RepinningPair fixture) : IClassFixture<RepinningPair>, IAsyncLifetime
{
    private const string SourceId = RepinningPair.SourceId;

    private readonly PairWithATask _setup = fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs after every test, passed or failed: the destination started again if it was stopped, and the certificate the
    /// source presents pinned there with none pending (re-pinned by hand when the test left it otherwise).
    /// </summary>
    public async Task DisposeAsync()
    {
        var pair = _setup.Pair;
        await pair.StartWhatStoppedAsync();
        var presented = (await pair.A.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString();
        var peer = await PeerOnBAsync();
        if (peer.GetProperty("certificateFingerprint").GetString() != presented || peer.GetProperty("pendingFingerprint").ValueKind != JsonValueKind.Null)
        {
            await Ok(pair.B.PostAsJsonAsync($"/api/appliances/{SourceId}/repin", new { fingerprint = presented }));
        }
    }

    [Fact(Timeout = 400_000)]
    public async Task A_new_certificate_is_held_pending_by_the_peer_and_replication_waits_for_its_admin_s_confirmation()
    {
        _setup.AssertSucceeded(_setup.FirstRun);
        var (a, b) = (_setup.Pair.A, _setup.Pair.B);
        var old = (await a.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString();
        var mine = TestCertificates.Pem(commonName: "source.example.org");

        using (var unconfirmed = await a.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = mine.CertificatePem, keyPem = mine.KeyPem }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
            Assert.Equal(["destination"], (await unconfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("peers").EnumerateArray().Select(p => p.GetString()));
            Assert.Null((await PeerOnBAsync()).GetProperty("pendingFingerprint").GetString());
        }

        var change = await Ok(a.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = mine.CertificatePem, keyPem = mine.KeyPem, confirm = true }));

        var told = Assert.Single(change.GetProperty("peers").EnumerateArray());
        Assert.Equal(("destination", true), (told.GetProperty("hostname").GetString(), told.GetProperty("told").GetBoolean()));
        var pending = await PeerOnBAsync();
        Assert.Equal((old, mine.Fingerprint), (pending.GetProperty("certificateFingerprint").GetString(), pending.GetProperty("pendingFingerprint").GetString()));
        var alerts = await b.GetFromJsonAsync<JsonElement>("/api/alerts");
        Assert.Contains("source announced a new certificate", alerts.ToString(), StringComparison.Ordinal);

        var refused = await _setup.RunAsync();
        Assert.NotEqual("succeeded", refused.GetProperty("status").GetString());

        // A fingerprint the source neither announced nor presents is not pinned.
        using (var wrong = await b.PostAsJsonAsync($"/api/appliances/{SourceId}/repin", new { fingerprint = TestCertificates.Pem().Fingerprint }))
        {
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        }

        var pinned = await Ok(b.PostAsJsonAsync($"/api/appliances/{SourceId}/repin", new { fingerprint = mine.Fingerprint }));

        Assert.Equal(mine.Fingerprint, pinned.GetProperty("certificateFingerprint").GetString());
        Assert.Equal(JsonValueKind.Null, pinned.GetProperty("pendingFingerprint").ValueKind);
        _setup.AssertSucceeded(await _setup.RunAsync());
    }

    [Fact(Timeout = 400_000)]
    public async Task A_peer_that_was_not_told_is_re_pinned_by_hand_with_the_fingerprint_the_appliance_presents()
    {
        var (a, b) = (_setup.Pair.A, _setup.Pair.B);
        var mine = TestCertificates.Pem(commonName: "source.example.org");
        _setup.Pair.Destination.Stop();
        var change = await Ok(a.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = mine.CertificatePem, keyPem = mine.KeyPem, confirm = true }));
        Assert.False(Assert.Single(change.GetProperty("peers").EnumerateArray()).GetProperty("told").GetBoolean());
        await _setup.Pair.RestartDestinationAsync();
        b = _setup.Pair.B;
        Assert.Null((await PeerOnBAsync()).GetProperty("pendingFingerprint").GetString());

        var pinned = await Ok(b.PostAsJsonAsync($"/api/appliances/{SourceId}/repin", new { fingerprint = PairingGrouped(mine.Fingerprint) }));

        Assert.Equal(mine.Fingerprint, pinned.GetProperty("certificateFingerprint").GetString());
        _setup.AssertSucceeded(await _setup.RunAsync());
    }

    private async Task<JsonElement> PeerOnBAsync() =>
        (await _setup.Pair.B.GetFromJsonAsync<JsonElement>("/api/appliances")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == SourceId);

    /// <summary>The fingerprint as the About page shows it (groups of four), as an admin would type it.</summary>
    private static string PairingGrouped(string fingerprint) => string.Join(' ', fingerprint.Chunk(4).Select(g => new string(g)));
}
