using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>Long pool operations across a power cut of the appliance's process: btrfs's own state brings them back.</summary>
public sealed class PoolRestartTests : IAsyncLifetime
{
    private readonly ApplianceProcess _appliance = new();
    private HttpClient _admin = default!;
    private string _mountPoint = "";

    public async Task InitializeAsync()
    {
        await _appliance.StartAsync();
        _admin = await _appliance.SetUpAndLogInAsync();
        var disks = new[] { _appliance.Sandbox.AttachLoopDisk(3L << 30), _appliance.Sandbox.AttachLoopDisk(3L << 30) };
        var made = await _admin.PostAsJsonAsync("/api/pools", new { name = "tank", raidLevel = "raid1", devices = disks });
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        _mountPoint = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mountPoint").GetString()!;
        for (var i = 0; i < 6; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(_mountPoint, $"file-{i}.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(100 << 20));
        }

        Sandbox.Run("btrfs", "filesystem", "sync", _mountPoint);
    }

    public Task DisposeAsync()
    {
        _admin?.Dispose();
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 240_000)]
    public async Task A_paused_balance_is_shown_again_with_its_progress_after_a_power_cut_and_finishes_when_resumed()
    {
        var balance = await Read(await _admin.PostAsync(new Uri("/api/pools/tank/balance", UriKind.Relative), null));
        var id = balance.GetProperty("id").GetInt64();
        var paused = await Read(await _admin.PostAsync(new Uri($"/api/pools/tank/operations/{id}/pause", UriKind.Relative), null));

        _appliance.Kill();
        await _appliance.StartAsync();
        _admin.Dispose();
        _admin = await _appliance.LogInAsync();
        var after = await _admin.GetFromJsonAsync<JsonElement>($"/api/pools/tank/operations/{id}");
        await Read(await _admin.PostAsync(new Uri($"/api/pools/tank/operations/{id}/resume", UriKind.Relative), null));
        var ended = await UntilEndedAsync(id);

        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(("balance", "paused"), (after.GetProperty("kind").GetString(), after.GetProperty("state").GetString()));
        Assert.InRange(after.GetProperty("percent").GetDouble(), 0, 99.9);
        Assert.Equal("finished", ended.GetProperty("state").GetString());
    }

    [Fact(Timeout = 240_000)]
    public async Task A_scrub_cut_by_a_power_cut_goes_on_by_itself_after_the_start_and_finishes()
    {
        var uuid = Sandbox.Run("findmnt", "-n", "-o", "UUID", _mountPoint).Trim();
        foreach (var device in Directory.GetDirectories($"/sys/fs/btrfs/{uuid}/devinfo"))
        {
            File.WriteAllText(Path.Combine(device, "scrub_speed_max"), "40m"); // slow enough to be cut half-way
        }

        var scrub = await Read(await _admin.PostAsync(new Uri("/api/pools/tank/scrub", UriKind.Relative), null));
        var id = scrub.GetProperty("id").GetInt64();
        await Task.Delay(TimeSpan.FromSeconds(2));
        _appliance.Kill();
        await Waiting.UntilAsync(
            () => Assert.DoesNotContain("running", Sandbox.Run("btrfs", "scrub", "status", _mountPoint), StringComparison.Ordinal), // btrfs stops a scrub whose command was killed
            TimeSpan.FromSeconds(20));
        await _appliance.StartAsync();
        _admin.Dispose();
        _admin = await _appliance.LogInAsync();
        var ended = await UntilEndedAsync(id);

        Assert.Equal(("scrub", "finished", "No errors found."), (ended.GetProperty("kind").GetString(), ended.GetProperty("state").GetString(), ended.GetProperty("message").GetString()));
        Assert.InRange(ended.GetProperty("bytesDone").GetInt64(), 2 * 600L << 20, long.MaxValue);
    }

    private async Task<JsonElement> UntilEndedAsync(long id) =>
        await Waiting.UntilAsync(
            async () =>
            {
                var now = await _admin.GetFromJsonAsync<JsonElement>($"/api/pools/tank/operations/{id}");
                Assert.DoesNotContain(now.GetProperty("state").GetString(), new[] { "running", "paused" });
                return now;
            },
            TimeSpan.FromSeconds(150));

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
