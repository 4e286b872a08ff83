using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>A task's hours (its replication window) on two real appliances, on the real clock.</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class WindowTests(TwoAppliances two)
{
    [Fact(Timeout = 300_000)]
    public async Task A_window_holds_back_the_first_run_refuses_a_schedule_that_never_meets_it_and_run_now_overrides_it()
    {
        var path = await two.CreateShareAsync("hours");
        WriteData(path, seed: 30, largeMiB: 1);
        var now = DateTime.UtcNow;
        var (start, end) = (now.AddHours(2).ToString("HH:00", CultureInfo.InvariantCulture), now.AddHours(3).ToString("HH:00", CultureInfo.InvariantCulture));

        var added = await Ok(two.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share = "hours", targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 60, windowStart = start, windowEnd = end }));
        var taskId = added.GetProperty("id").GetInt32();

        Assert.Equal((start, end), (added.GetProperty("windowStart").GetString(), added.GetProperty("windowEnd").GetString()));
        Assert.Contains($"The first run waits for the task's window ({start}-{end} UTC)", added.GetProperty("warning").GetString(), StringComparison.Ordinal);
        await Waiting.ThroughoutAsync(async () => Assert.Empty(await TrailAsync(two.A, $"/api/replication/tasks/{taskId}/trail")), TimeSpan.FromSeconds(2));

        var never = await two.A.PutAsJsonAsync($"/api/replication/tasks/{taskId}", new { windowStart = "10:15", windowEnd = "10:45" });
        Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);
        Assert.Contains("never runs inside the window 10:15-10:45 UTC", await never.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await two.A.PutAsJsonAsync($"/api/replication/tasks/{taskId}", new { windowStart = "10:15" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        two.AssertSucceeded(await two.RunAsync(taskId, finishedBefore: 0)); // the admin's run goes at once
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("hours")).GetProperty("path").GetString()!));

        var cleared = await Ok(two.A.PutAsJsonAsync($"/api/replication/tasks/{taskId}", new { windowStart = "", windowEnd = "" }));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("windowStart").ValueKind);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_run_still_going_when_the_window_closes_is_stopped_and_the_next_run_goes_on_from_there()
    {
        var path = await two.CreateShareAsync("night");
        WriteData(path, seed: 31, smallFiles: 20, largeMiB: 96);

        // A window that closes 20 to 80 s from now; at 1 MB/s the transfer needs about 100 s (and goes
        // resumably by itself, as the link is slow).
        var now = DateTime.UtcNow;
        var closes = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(now.Second < 40 ? 1 : 2);
        var added = await Ok(two.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share = "night", targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 60, bandwidthLimitMBps = 1.0, windowStart = Time(closes.AddHours(-2)), windowEnd = Time(closes) }));
        var taskId = added.GetProperty("id").GetInt32();
        Assert.Equal(JsonValueKind.Null, added.GetProperty("warning").ValueKind);

        var stopped = await two.FinishedAsync(taskId, 1, within: TimeSpan.FromMinutes(3));

        Assert.Equal("failed", stopped.GetProperty("status").GetString());
        Assert.Contains("window", stopped.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("closed; the next run in it goes on from where this one stopped", stopped.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.InRange(stopped.GetProperty("endedAt").GetDateTimeOffset(), closes.AddSeconds(-1), closes.AddSeconds(15));

        await Ok(two.A.PutAsJsonAsync($"/api/replication/tasks/{taskId}", new { bandwidthLimitMBps = 0 }));
        var next = await two.RunAsync(taskId, finishedBefore: 1);

        two.AssertSucceeded(next);
        Assert.Equal(stopped.GetProperty("snapshot").GetString(), next.GetProperty("snapshot").GetString());
        Assert.True(next.GetProperty("resumedFrom").GetInt64() > 8 << 20, next.ToString());
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("night")).GetProperty("path").GetString()!));
    }

    private static string Time(DateTime utc) => utc.ToString("HH:mm", CultureInfo.InvariantCulture);
}
