using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Rockstor.Web.Tests.Api;

/// <summary>A pool's operations through the API of a running appliance, whose own poller follows them.</summary>
public sealed class PoolOperationsApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact(Timeout = 180_000)]
    public async Task A_scrub_is_accepted_followed_to_its_end_and_kept_in_the_pool_s_history()
    {
        var made = await Admin.PostAsJsonAsync("/api/pools", new { name = "scrubbed", imageSizeGiB = 1, imageCount = 2, raidLevel = "raid1" });
        await Ok(made);
        var mountPoint = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mountPoint").GetString()!;
        await File.WriteAllBytesAsync(Path.Combine(mountPoint, "data.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(16 << 20));
        Rockstor.Testing.Sandbox.Run("btrfs", "filesystem", "sync", mountPoint); // a scrub reads what is committed

        var started = await Admin.PostAsync(new Uri("/api/pools/scrubbed/scrub", UriKind.Relative), null);
        var operation = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = operation.GetProperty("id").GetInt64();
        var ended = await Rockstor.Testing.Waiting.UntilAsync(
            async () =>
            {
                var now = await Admin.GetFromJsonAsync<JsonElement>($"/api/pools/scrubbed/operations/{id}");
                Assert.NotEqual("running", now.GetProperty("state").GetString());
                return now;
            },
            TimeSpan.FromSeconds(60));
        var history = await Admin.GetFromJsonAsync<JsonElement>("/api/pools/scrubbed/operations");
        var row = (await Admin.GetFromJsonAsync<JsonElement>("/api/pools")).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "scrubbed");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"/api/pools/scrubbed/operations/{id}", started.Headers.Location?.ToString());
        Assert.Equal(("scrub", "running"), (operation.GetProperty("kind").GetString(), operation.GetProperty("state").GetString()));
        Assert.Equal(("finished", "No errors found.", 100.0), (ended.GetProperty("state").GetString(), ended.GetProperty("message").GetString(), ended.GetProperty("percent").GetDouble()));
        Assert.InRange(ended.GetProperty("bytesDone").GetInt64(), 2 * (16L << 20), long.MaxValue);
        Assert.Equal(id, Assert.Single(history.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(("raid1", "raid1", JsonValueKind.Null), (row.GetProperty("raidLevel").GetString(), row.GetProperty("metadataRaidLevel").GetString(), row.GetProperty("operation").ValueKind));
    }

    [Fact(Timeout = 180_000)]
    public async Task Lowering_the_raid_level_needs_confirm_and_a_disk_of_an_image_pool_is_not_removed()
    {
        await Ok(await Admin.PostAsJsonAsync("/api/pools", new { name = "careful", imageSizeGiB = 1, imageCount = 2, raidLevel = "raid1" }));

        var unconfirmed = await Admin.PutAsJsonAsync("/api/pools/careful", new { raidLevel = "single" });
        var removal = await Admin.DeleteAsync(new Uri("/api/pools/careful/devices?device=1", UriKind.Relative));
        var unknown = await Admin.GetAsync(new Uri("/api/pools/careful/operations/999", UriKind.Relative));
        var mixed = await Admin.PutAsJsonAsync("/api/pools/careful", new { mountOptions = new[] { "noatime" }, scrubSchedule = "@monthly", raidLevel = "single" });
        var untouched = (await Admin.GetFromJsonAsync<JsonElement>("/api/pools")).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "careful");
        var converted = await Admin.PutAsJsonAsync("/api/pools/careful", new { raidLevel = "single", confirm = true });
        var pool = await converted.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("no longer survives the loss of a disk", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode); // the refused raid change leaves the rest as it was
        Assert.Equal((0, JsonValueKind.Null), (untouched.GetProperty("mountOptions").GetArrayLength(), untouched.GetProperty("scrubSchedule").ValueKind));
        Assert.Equal(HttpStatusCode.Conflict, removal.StatusCode);
        Assert.Contains("image files", await removal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        Assert.Equal(("balance", "convert data to single and metadata to raid1"), (pool.GetProperty("operation").GetProperty("kind").GetString(), pool.GetProperty("operation").GetProperty("detail").GetString()));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_scrub_schedule_starts_scrubs_by_itself_until_it_is_removed()
    {
        await Ok(await Admin.PostAsJsonAsync("/api/pools", new { name = "scheduled", imageSizeGiB = 1 }));

        var wrong = await Admin.PutAsJsonAsync("/api/pools/scheduled", new { scrubSchedule = "every month" });
        var set = await (await Admin.PutAsJsonAsync("/api/pools/scheduled", new { scrubSchedule = "* * * * *" })).Content.ReadFromJsonAsync<JsonElement>();
        var scrubbed = await Rockstor.Testing.Waiting.UntilAsync(
            async () =>
            {
                var history = await Admin.GetFromJsonAsync<JsonElement>("/api/pools/scheduled/operations");
                var first = Assert.Single(history.EnumerateArray());
                Assert.Equal("finished", first.GetProperty("state").GetString());
                return first;
            },
            TimeSpan.FromSeconds(90));
        var removed = await (await Admin.PutAsJsonAsync("/api/pools/scheduled", new { scrubSchedule = "" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("is not a cron expression", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("* * * * *", set.GetProperty("scrubSchedule").GetString());
        Assert.Equal("scrub", scrubbed.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("scrubSchedule").ValueKind);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_storage_hub_tells_a_logged_in_client_of_an_operation_as_it_moves_and_turns_away_one_without_a_login()
    {
        await Ok(await Admin.PostAsJsonAsync("/api/pools", new { name = "watched", imageSizeGiB = 1 }));
        var events = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        var token = Admin.DefaultRequestHeaders.Authorization!.Parameter;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Appliance.BaseAddress, "/hubs/storage"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(token);
                HubClients.AcceptSelfSigned(options);
            })
            .Build();
        hub.On<JsonElement>("operation", events.Enqueue);
        await hub.StartAsync();
        await using var anonymous = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Appliance.BaseAddress, "/hubs/storage"), options => HubClients.AcceptSelfSigned(options))
            .Build();

        var id = (await (await Admin.PostAsync(new Uri("/api/pools/watched/scrub", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());

        await Rockstor.Testing.Waiting.UntilAsync(() => Assert.Contains(events, e => e.GetProperty("id").GetInt64() == id && e.GetProperty("state").GetString() == "finished"), TimeSpan.FromSeconds(60));
        Assert.Contains(events, e => e.GetProperty("id").GetInt64() == id && e.GetProperty("state").GetString() == "running");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
