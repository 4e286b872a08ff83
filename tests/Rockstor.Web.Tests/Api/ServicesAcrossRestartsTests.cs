using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>The Replication switch across restarts of an appliance of the test's own (restarting a shared one would disturb other tests).</summary>
public sealed class ServicesAcrossRestartsTests : IAsyncLifetime
{
    private readonly int _replicationPort = ApplianceProcess.FreePort();
    private ApplianceProcess _appliance = default!;

    public async Task InitializeAsync()
    {
        _appliance = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ReplicationPort"] = _replicationPort.ToString(CultureInfo.InvariantCulture) });
        try
        {
            await _appliance.StartAsync();
        }
        catch
        {
            _appliance.Dispose(); // xUnit does not dispose a test class whose set-up failed
            throw;
        }
    }

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 180_000)]
    public async Task The_replication_switch_survives_restarts_and_the_listener_runs_only_while_it_is_on()
    {
        using (var admin = await _appliance.SetUpAndLogInAsync())
        {
            var initial = await ReplicationAsync(admin);
            Assert.Equal((false, "stopped"), (initial.GetProperty("enabled").GetBoolean(), initial.GetProperty("state").GetString()));
            Assert.False(await _appliance.AcceptsConnectionsAsync(_replicationPort));

            var on = await (await admin.PutAsJsonAsync("/api/services/replication", new { enabled = true })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("running", on.GetProperty("state").GetString());
            Assert.True(await _appliance.AcceptsConnectionsAsync(_replicationPort));
        }

        _appliance.Kill();
        await _appliance.StartAsync();
        using (var admin = await _appliance.LogInAsync())
        {
            var afterRestart = await ReplicationAsync(admin);
            Assert.Equal((true, "running"), (afterRestart.GetProperty("enabled").GetBoolean(), afterRestart.GetProperty("state").GetString()));
            Assert.True(await _appliance.AcceptsConnectionsAsync(_replicationPort));

            var off = await (await admin.PutAsJsonAsync("/api/services/replication", new { enabled = false })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("stopped", off.GetProperty("state").GetString());
            Assert.False(await _appliance.AcceptsConnectionsAsync(_replicationPort));
        }

        _appliance.Kill();
        await _appliance.StartAsync();
        using (var admin = await _appliance.LogInAsync())
        {
            Assert.False((await ReplicationAsync(admin)).GetProperty("enabled").GetBoolean());
            Assert.False(await _appliance.AcceptsConnectionsAsync(_replicationPort));
        }
    }

    private static async Task<JsonElement> ReplicationAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/services")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "replication");
}
