using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// Where the Replication service listens, changed on a real appliance while it runs. The tests share the
/// appliance: each turns the service on first and puts its port and address back after, then turns it off.
/// </summary>
public sealed class ReplicationListenerTests(ReplicationPortFixture fixture) : IClassFixture<ReplicationPortFixture>, IAsyncLifetime
{
    private readonly int _port = fixture.Port;
    private readonly ApplianceProcess _appliance = fixture.Appliance;
    private readonly HttpClient _admin = fixture.Admin;

    public async Task InitializeAsync()
    {
        var on = await PutAsync(new { enabled = true });
        Assert.Equal("running", on.GetProperty("state").GetString());
    }

    /// <summary>Runs after every test, passed or failed: the service off, on its own port, on all addresses.</summary>
    public async Task DisposeAsync()
    {
        await PutAsync(new { enabled = false });
        await PutAsync(new { port = _port, listenAddress = "" });
    }

    [Fact(Timeout = 120_000)]
    public async Task A_new_port_is_served_at_once_and_the_old_one_closes_without_a_restart()
    {
        var pid = _appliance.ProcessId;
        var before = await _admin.GetFromJsonAsync<JsonElement>("/api/services/replication");
        Assert.Equal((_port, JsonValueKind.Null), (before.GetProperty("port").GetInt32(), before.GetProperty("listenAddress").ValueKind));
        var fresh = ApplianceProcess.FreePort();

        var after = await PutAsync(new { port = fresh });

        Assert.Equal((fresh, "running"), (after.GetProperty("port").GetInt32(), after.GetProperty("state").GetString()));
        Assert.False(await _appliance.AcceptsConnectionsAsync(_port));
        Assert.Equal(await FingerprintAsync(), await PresentedFingerprintAsync(_appliance.Address, fresh));
        Assert.Equal(pid, _appliance.ProcessId);
        Assert.Equal(fresh, (await _admin.GetFromJsonAsync<JsonElement>("/api/services/replication")).GetProperty("port").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task One_address_of_this_machine_is_listened_on_alone()
    {
        // Another address of this machine (IPv6 loopback, or a second IPv4) tells "alone" from "all"; not a
        // test network's (10.231.x), which a test process running beside this one may delete at any moment.
        var addresses = (await _admin.GetFromJsonAsync<JsonElement>("/api/services/replication")).GetProperty("addresses").EnumerateArray().Select(a => a.GetString()!).ToList();
        var other = IPAddress.Parse(addresses.FirstOrDefault(a => a == "::1") ?? addresses.First(a => a != "127.0.0.1" && !a.Contains('%', StringComparison.Ordinal) && !a.StartsWith("10.231.", StringComparison.Ordinal)));
        Assert.True(await AcceptsAsync(other, _port));

        var response = await PutAsync(new { listenAddress = "127.0.0.1" });

        Assert.Equal("127.0.0.1", response.GetProperty("listenAddress").GetString());
        Assert.Equal(await FingerprintAsync(), await PresentedFingerprintAsync("127.0.0.1", _port));
        Assert.False(await AcceptsAsync(other, _port));

        var back = await PutAsync(new { listenAddress = "" });
        Assert.Equal(JsonValueKind.Null, back.GetProperty("listenAddress").ValueKind);
        Assert.True(await AcceptsAsync(other, _port));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_port_taken_on_the_machine_is_refused_with_a_sentence_and_the_old_listener_keeps_working()
    {
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

        using var response = await _admin.PutAsJsonAsync("/api/services/replication", new { port = taken });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal($"Replication cannot listen on port {taken}: something else on this machine already listens there. It still listens on port {_port}; nothing was changed.", detail);
        Assert.Equal(await FingerprintAsync(), await PresentedFingerprintAsync(_appliance.Address, _port));
        Assert.Equal(_port, (await _admin.GetFromJsonAsync<JsonElement>("/api/services/replication")).GetProperty("port").GetInt32());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("203.0.113.9", "203.0.113.9 is not an address of this machine")]
    [InlineData("not-an-address", "'not-an-address' is not an IP address")]
    public async Task An_address_that_is_not_this_machine_s_is_refused(string address, string sentence)
    {
        using var response = await _admin.PutAsJsonAsync("/api/services/replication", new { listenAddress = address });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(sentence, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await _appliance.AcceptsConnectionsAsync(_port));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_management_port_another_server_s_port_and_no_port_at_all_are_refused()
    {
        foreach (var (port, sentence) in new[]
                 {
                     (_appliance.Port, $"Port {_appliance.Port} is the web-ui and API (management)'s port"),
                     (445, "Port 445 is the SMB server's port"),
                     (70000, "70000 is not a port"),
                 })
        {
            using var response = await _admin.PutAsJsonAsync("/api/services/replication", new { port });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(sentence, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.True(await _appliance.AcceptsConnectionsAsync(_port));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_service_that_could_not_start_on_a_taken_port_starts_on_the_new_one()
    {
        await PutAsync(new { enabled = false });
        using var squatter = new TcpListener(IPAddress.Any, _port);
        squatter.Start();
        Assert.Equal("failed", (await PutAsync(new { enabled = true })).GetProperty("state").GetString());
        var fresh = ApplianceProcess.FreePort();

        var moved = await PutAsync(new { port = fresh });

        Assert.Equal((fresh, "running"), (moved.GetProperty("port").GetInt32(), moved.GetProperty("state").GetString()));
        Assert.True(await _appliance.AcceptsConnectionsAsync(fresh));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_switch_of_the_older_route_still_turns_the_service_off_and_on()
    {
        var off = await (await _admin.PutAsJsonAsync("/api/services/replication", new { enabled = false })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stopped", off.GetProperty("state").GetString());
        Assert.False(await _appliance.AcceptsConnectionsAsync(_port));

        var list = await _admin.GetFromJsonAsync<JsonElement>("/api/services");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("name").GetString() == "replication");
    }

    private async Task<JsonElement> PutAsync(object body)
    {
        using var response = await _admin.PutAsJsonAsync("/api/services/replication", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}\n{_appliance.Log}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> FingerprintAsync() =>
        (await _admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString()!;

    /// <summary>
    /// The certificate presented on a TLS handshake with the port. The listener asks for a client certificate
    /// of a paired appliance and refuses ours after; what it presented first is what counts here.
    /// </summary>
    private static async Task<string?> PresentedFingerprintAsync(string address, int port)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(address, port, timeout.Token);
        string? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            presented = certificate is null ? null : Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
            return true;
        });
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "" }, timeout.Token);
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            // Refused for want of a paired client certificate, after the server presented its own.
        }

        return presented;
    }

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(address.AddressFamily);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
