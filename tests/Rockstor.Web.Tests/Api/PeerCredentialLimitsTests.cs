using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// What docs/security.md promises of a paired appliance's credential: it reaches the peer routes only, never
/// the admin's own certificate nor the confirmation of a peer's new one.
/// </summary>
public sealed class PeerCredentialLimitsTests
{
    [Fact(Timeout = 240_000)]
    public async Task A_peer_credential_is_forbidden_to_repin_an_appliance_or_to_replace_this_appliance_s_certificate()
    {
        using var network = new TestNetwork(hosts: 1);
        await using var peer = await PairingSink.StartAsync(network.Gateway);
        using var appliance = new ApplianceProcess(host: network.Hosts[0]);
        await appliance.StartAsync();
        using var admin = await appliance.SetUpAndLogInAsync();
        using (var paired = await admin.PostAsJsonAsync("/api/appliances", new { host = peer.Address, mgmtPort = peer.Port, username = "admin", password = "their-password", fingerprint = peer.Fingerprint }))
        {
            Assert.True(paired.IsSuccessStatusCode, $"{(int)paired.StatusCode}: {await paired.Content.ReadAsStringAsync()}");
        }

        // The credential the appliance gave the peer in its pairing offer: what the peer presents when it calls.
        var offer = JsonDocument.Parse(peer.Requests.Single(r => r.Path == "/api/pairing").Body).RootElement;
        var credential = offer.GetProperty("from").GetProperty("credential").GetString();
        var old = (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString();
        using var asPeer = appliance.CreateClient();
        asPeer.DefaultRequestHeaders.Authorization = new("RockstorPeer", $"{PairingSink.Id}:{credential}");
        Assert.Equal(HttpStatusCode.OK, (await asPeer.GetAsync(new Uri("/api/peer/hello", UriKind.Relative))).StatusCode);

        var mine = TestCertificates.Pem(usages: TestCertificates.ServerAuthentication);
        using var repin = await asPeer.PostAsJsonAsync($"/api/appliances/{PairingSink.Id}/repin", new { fingerprint = mine.Fingerprint });
        using var replace = await asPeer.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = mine.CertificatePem, keyPem = mine.KeyPem, confirm = true });

        Assert.Equal(HttpStatusCode.Forbidden, repin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replace.StatusCode);
        var stored = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/appliances")).EnumerateArray());
        Assert.Equal(peer.Fingerprint, stored.GetProperty("certificateFingerprint").GetString());
        Assert.Equal(old, (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString());
    }
}
