using System.Net.Http.Json;
using System.Text.Json;

namespace Rockstor.Web.Tests.Api;

/// <summary>The services' switches on an appliance the tests share; a test that turns a service on turns it off again.</summary>
public sealed class ServicesTests(ReplicationPortFixture fixture) : IClassFixture<ReplicationPortFixture>
{
    private readonly int _replicationPort = fixture.Port;

    [Fact(Timeout = 120_000)]
    public async Task A_port_in_use_shows_the_service_as_failed_with_the_reason()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, _replicationPort);
        squatter.Start();
        try
        {
            var response = await fixture.Admin.PutAsJsonAsync("/api/services/replication", new { enabled = true });

            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("failed", status.GetProperty("state").GetString());
            Assert.Contains($"port {_replicationPort} cannot be opened", status.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.True(status.GetProperty("enabled").GetBoolean());
        }
        finally
        {
            (await fixture.Admin.PutAsJsonAsync("/api/services/replication", new { enabled = false })).EnsureSuccessStatusCode();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task An_unknown_service_is_a_404()
    {
        var response = await fixture.Admin.PutAsJsonAsync("/api/services/telnet", new { enabled = true });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
