using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>Cancelling a run part-way, from either side, between two real appliances.</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class CancelTests(TwoAppliances two)
{
    private const long LargeMiB = 48;

    [Fact(Timeout = 300_000)]
    public async Task A_run_cancelled_on_the_source_ends_cancelled_on_both_sides_and_the_next_run_resumes_where_it_stopped()
    {
        var path = await two.CreateShareAsync("cancel-source");
        WriteData(path, seed: 40, smallFiles: 20, largeMiB: (int)LargeMiB);
        var taskId = await AddSlowResumableTaskAsync("cancel-source");
        await SpoolHoldsAsync("cancel-source", 6 << 20);

        await Ok(two.A.PostAsync(new Uri($"/api/replication/tasks/{taskId}/cancel", UriKind.Relative), null));

        var cancelled = await two.FinishedAsync(taskId, 1);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(0, cancelled.GetProperty("retries").GetInt32());
        Assert.Equal("Cancelled by the admin. The destination keeps what arrived; the next run goes on from there.", cancelled.GetProperty("error").GetString());
        var received = await ReceivedAsync("cancel-source", count: 1);
        Assert.Equal("cancelled", received[0].GetProperty("status").GetString());
        Assert.Equal(
            "The sender stopped the run: The source's admin cancelled the run. What arrived is kept; the next try goes on from there.",
            received[0].GetProperty("error").GetString());
        Assert.True(SpoolBytes("cancel-source") >= 6 << 20, "the spool stays for the next run");
        Assert.Empty(two.ReplicaFolder("cancel-source"));

        var next = await two.RunAsync(taskId, finishedBefore: 1);

        two.AssertSucceeded(next);
        Assert.Equal(cancelled.GetProperty("snapshot").GetString(), next.GetProperty("snapshot").GetString());
        Assert.True(next.GetProperty("resumedFrom").GetInt64() >= 6 << 20, next.ToString());
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("cancel-source")).GetProperty("path").GetString()!));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_run_cancelled_on_the_destination_ends_cancelled_on_both_sides_without_a_retry_and_the_next_run_resumes()
    {
        var path = await two.CreateShareAsync("cancel-destination");
        WriteData(path, seed: 41, smallFiles: 20, largeMiB: (int)LargeMiB);
        var taskId = await AddSlowResumableTaskAsync("cancel-destination");
        await SpoolHoldsAsync("cancel-destination", 6 << 20);
        var replicaId = await ReplicaIdAsync("cancel-destination");

        await Ok(two.B.PostAsync(new Uri($"/api/replication/receives/{replicaId}/cancel", UriKind.Relative), null));

        var cancelled = await two.FinishedAsync(taskId, 1);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(0, cancelled.GetProperty("retries").GetInt32());
        Assert.Equal(
            "destination's admin cancelled the run there. The destination keeps what arrived; the next run goes on from there.",
            cancelled.GetProperty("error").GetString());
        var received = await ReceivedAsync("cancel-destination", count: 1);
        Assert.Equal("cancelled", received[0].GetProperty("status").GetString());
        Assert.Equal("Cancelled by this appliance's admin. What arrived is kept; the next try goes on from there.", received[0].GetProperty("error").GetString());
        Assert.Empty(two.ReplicaFolder("cancel-destination"));

        var next = await two.RunAsync(taskId, finishedBefore: 1);

        two.AssertSucceeded(next);
        Assert.True(next.GetProperty("resumedFrom").GetInt64() >= 6 << 20, next.ToString());
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("cancel-destination")).GetProperty("path").GetString()!));
    }

    [Fact(Timeout = 300_000)]
    public async Task Cancelling_when_no_run_is_under_way_is_refused_with_a_sentence()
    {
        var path = await two.CreateShareAsync("cancel-idle");
        WriteData(path, seed: 42, smallFiles: 5, largeMiB: 1);
        var taskId = await two.AddTaskAsync("cancel-idle");
        two.AssertSucceeded(await two.FinishedAsync(taskId, 1));
        var replicaId = await ReplicaIdAsync("cancel-idle");

        using var idleTask = await two.A.PostAsync(new Uri($"/api/replication/tasks/{taskId}/cancel", UriKind.Relative), null);
        using var idleReceive = await two.B.PostAsync(new Uri($"/api/replication/receives/{replicaId}/cancel", UriKind.Relative), null);
        using var noTask = await two.A.PostAsync(new Uri("/api/replication/tasks/9999/cancel", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, idleTask.StatusCode);
        Assert.Equal($"Task {taskId} has no run under way: there is nothing to cancel.", await ApiResponses.DetailAsync(idleTask));
        Assert.Equal(HttpStatusCode.Conflict, idleReceive.StatusCode);
        Assert.Equal("Nothing is being received for this replica right now: there is no run to cancel.", await ApiResponses.DetailAsync(idleReceive));
        Assert.Equal(HttpStatusCode.NotFound, noTask.StatusCode);
    }

    /// <summary>A resumable task held to 6 MB/s, so a run of the share lasts several seconds.</summary>
    private async Task<int> AddSlowResumableTaskAsync(string share)
    {
        var task = await Ok(two.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share, targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 1440, resumable = true, bandwidthLimitMBps = 6.0 }));
        return task.GetProperty("id").GetInt32();
    }

    private long SpoolBytes(string share) =>
        Directory.Exists(two.Spool(share)) ? Directory.EnumerateFiles(two.Spool(share), "*.stream").Sum(f => new FileInfo(f).Length) : 0;

    private Task SpoolHoldsAsync(string share, long bytes) => Waiting.UntilAsync(
        () => Assert.True(SpoolBytes(share) >= bytes, $"The spool of {share} holds {SpoolBytes(share)} bytes, not yet {bytes}"),
        TimeSpan.FromSeconds(60));

    private async Task<int> ReplicaIdAsync(string share) =>
        (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == share).GetProperty("id").GetInt32();

    /// <summary>The replica's finished receives, newest first, once there are <paramref name="count"/>.</summary>
    private async Task<List<JsonElement>> ReceivedAsync(string share, int count)
    {
        var id = await ReplicaIdAsync(share);
        return await Waiting.UntilAsync(
            async () =>
            {
                var finished = (await TrailAsync(two.B, $"/api/replication/receives/{id}/trail"))
                    .Where(a => a.GetProperty("status").GetString() is not "running")
                    .ToList();
                Assert.True(finished.Count >= count, $"{finished.Count} finished receives of {share}");
                return finished;
            },
            TimeSpan.FromSeconds(30));
    }
}
