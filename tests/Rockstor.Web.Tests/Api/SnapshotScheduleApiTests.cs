using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>Snapshot schedules on a real appliance: Hangfire runs them, btrfs holds the snapshots (a schedule's minute lasts 2 s here).</summary>
public sealed class SnapshotScheduleApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    /// <summary>A snapshot named as replication task 9 names its own.</summary>
    private const string Replication = "replication-9-20261130T000000000Z";

    private HttpClient Admin => fixture.Admin;

    [Fact(Timeout = 180_000)]
    public async Task Two_schedules_on_one_share_take_and_thin_their_own_snapshots_and_leave_the_manual_one()
    {
        await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "timed", imageSizeGiB = 1 }));
        var share = await Created(await Admin.PostAsJsonAsync("/api/shares", new { pool = "timed", name = "timed-docs" }));
        var sharePath = share.GetProperty("path").GetString()!;
        await File.WriteAllTextAsync(Path.Combine(sharePath, "plan.txt"), "the plan");
        await Created(await Admin.PostAsJsonAsync("/api/shares/timed-docs/snapshots", new { name = "by-hand", writable = false }));
        await Created(await Admin.PostAsJsonAsync("/api/shares/timed-docs/snapshots", new { name = Replication, writable = false })); // as a replication task names them

        var often = await Created(await Admin.PostAsJsonAsync("/api/snapshot-schedules", new
        {
            shares = new[] { "timed-docs" }, frequencyMinutes = 1, prefix = "often", writable = false, retention = new { last = 3 },
        }));
        var rare = await Created(await Admin.PostAsJsonAsync("/api/snapshot-schedules", new
        {
            shares = new[] { "timed-docs" }, frequencyMinutes = 2, prefix = "rare", retention = new { last = 2 },
        }));
        var oftenId = often.GetProperty("id").GetInt32();
        var rareId = rare.GetProperty("id").GetInt32();
        Assert.Equal((3, 0, true), (often.GetProperty("retention").GetProperty("last").GetInt32(), often.GetProperty("retention").GetProperty("daily").GetInt32(), often.GetProperty("enabled").GetBoolean()));

        // Runs go every 2 and 4 seconds: wait until both have thinned (the first snapshots of each are gone).
        var firstOften = await Waiting.UntilAsync(async () => Assert.Single(await Names(oftenId)), TimeSpan.FromSeconds(30));
        await Waiting.UntilAsync(
            async () =>
            {
                var names = await Names(oftenId);
                var state = await Admin.GetStringAsync(new Uri($"/api/snapshot-schedules/{oftenId}", UriKind.Relative));
                Assert.True(names.Count == 3 && !names.Contains(firstOften), $"often holds {string.Join(", ", names)}; {state}");
                Assert.Equal(2, (await Names(rareId)).Count);
            },
            TimeSpan.FromSeconds(60));
        await Ok(await Admin.PutAsJsonAsync($"/api/snapshot-schedules/{oftenId}", new { enabled = false }));
        await Ok(await Admin.PutAsJsonAsync($"/api/snapshot-schedules/{rareId}", new { enabled = false }));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a run already queued ends

        var all = await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots?share=timed-docs");
        var rows = all.GetProperty("items").EnumerateArray().ToList();
        var oftenRows = rows.Where(r => r.GetProperty("scheduleId").ValueKind == JsonValueKind.Number && r.GetProperty("scheduleId").GetInt32() == oftenId).ToList();
        var rareRows = rows.Where(r => r.GetProperty("scheduleId").ValueKind == JsonValueKind.Number && r.GetProperty("scheduleId").GetInt32() == rareId).ToList();
        Assert.InRange(oftenRows.Count, 3, 4); // a run that began before the pause may have added one, and thinned to 3 before it
        Assert.InRange(rareRows.Count, 2, 3);
        Assert.All(oftenRows, r => Assert.StartsWith("often_", r.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.All(rareRows, r => Assert.StartsWith("rare_", r.GetProperty("name").GetString(), StringComparison.Ordinal));
        var manual = Assert.Single(rows, r => r.GetProperty("name").GetString() == "by-hand");
        Assert.Equal(JsonValueKind.Null, manual.GetProperty("scheduleId").ValueKind);
        Assert.Single(rows, r => r.GetProperty("name").GetString() == Replication);
        Assert.Equal(rows.Count, oftenRows.Count + rareRows.Count + 2);

        // The store and the disk agree, and a scheduled snapshot holds the share as it was.
        var onDisk = Directory.GetDirectories(Path.GetDirectoryName(manual.GetProperty("path").GetString()!)!).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(rows.Select(r => r.GetProperty("name").GetString()).Order(StringComparer.Ordinal), onDisk);
        Assert.Equal("the plan", await File.ReadAllTextAsync(Path.Combine(oftenRows[0].GetProperty("path").GetString()!, "plan.txt")));

        var schedule = await Admin.GetFromJsonAsync<JsonElement>($"/api/snapshot-schedules/{oftenId}");
        Assert.False(schedule.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, schedule.GetProperty("lastError").ValueKind);
        Assert.Equal(JsonValueKind.String, schedule.GetProperty("lastRunAt").ValueKind);

        // Run now works on a paused schedule; deleting the schedule keeps its snapshots.
        var before = (await Names(rareId)).Count;
        Assert.Equal(HttpStatusCode.Accepted, (await Admin.PostAsync(new Uri($"/api/snapshot-schedules/{rareId}/run", UriKind.Relative), null)).StatusCode);
        await Waiting.UntilAsync(async () => Assert.Contains(await Names(rareId), n => !rareRows.Any(r => r.GetProperty("name").GetString() == n)), TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await Names(rareId)).Count); // the new one, and thinned back to 2
        Assert.InRange(before, 2, 3);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri($"/api/snapshot-schedules/{rareId}", UriKind.Relative))).StatusCode);
        Assert.Equal(2, (await Names(rareId)).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri($"/api/snapshot-schedules/{rareId}", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_schedule_that_cannot_be_kept_is_refused_with_a_sentence_and_nothing_is_made()
    {
        var before = (await Admin.GetFromJsonAsync<JsonElement>("/api/snapshot-schedules")).GetArrayLength();

        var noShare = await Admin.PostAsJsonAsync("/api/snapshot-schedules", new { shares = new[] { "no-such-share" }, frequencyMinutes = 60, prefix = "p", retention = new { last = 1 } });
        var badCount = await Admin.PostAsJsonAsync("/api/snapshot-schedules", new { shares = Array.Empty<string>(), frequencyMinutes = 60, prefix = "p", retention = new { last = -1 } });
        var badCron = await Admin.PostAsJsonAsync("/api/snapshot-schedules", new { shares = new[] { "x" }, cron = "99 * * * *", prefix = "p", retention = new { last = 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, noShare.StatusCode);
        Assert.Contains("There is no share named 'no-such-share'.", await noShare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Equal(before, (await Admin.GetFromJsonAsync<JsonElement>("/api/snapshot-schedules")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync(new Uri("/api/snapshot-schedules/9999/run", UriKind.Relative), null)).StatusCode);
    }

    /// <summary>The names of the snapshots the schedule took that are still there, oldest first.</summary>
    private async Task<IReadOnlyList<string>> Names(int scheduleId)
    {
        var page = await Admin.GetFromJsonAsync<JsonElement>($"/api/snapshots?scheduleId={scheduleId}&sort=Name&descending=false");
        return page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task Ok(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
}
