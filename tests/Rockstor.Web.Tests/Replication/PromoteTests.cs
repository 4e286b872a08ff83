using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// Disaster recovery on the destination, between two real appliances: promote a replica to a live share,
/// replicate it back to the source (reverse), and make the old direction live again (switch back).
/// </summary>
[Collection(nameof(ReplicationCollection))]
public sealed class PromoteTests(TwoAppliances two)
{
    [Fact(Timeout = 300_000)]
    public async Task Promote_then_reverse_then_switch_back_keep_the_files_identical_and_both_returns_are_incremental()
    {
        // The source replicates "dr" to the destination.
        var path = await two.CreateShareAsync("dr");
        WriteData(path, seed: 70, smallFiles: 50, largeMiB: 16);
        var forward = await two.AddTaskAsync("dr");
        two.AssertSucceeded(await two.FinishedAsync(forward, 1));
        var replicaId = await ReplicaIdAsync(two.B, "dr");

        // The source is lost: the destination makes its newest copy a live share.
        var promoted = await Ok(two.B.PostAsJsonAsync($"/api/replication/receives/{replicaId}/promote", new { share = "dr-live" }));
        var live = promoted.GetProperty("path").GetString()!;
        Assert.Equal(Hashes(path), Hashes(live));
        var promotion = (await Ok(two.B.GetAsync(new Uri($"/api/replication/receives/{replicaId}", UriKind.Relative)))).GetProperty("promotion");
        Assert.Equal("dr-live", promotion.GetProperty("share").GetString());
        using (var again = await two.B.PostAsJsonAsync($"/api/replication/receives/{replicaId}/promote", new { share = "dr-other" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.StartsWith("This replica was already promoted, to the share 'dr-live' on ", await ApiResponses.DetailAsync(again), StringComparison.Ordinal);
        }

        // The old source's task is refused from now on: it cannot overwrite what the live share grew from.
        var refused = await two.RunAsync(forward, finishedBefore: 1);
        Assert.Equal("failed", refused.GetProperty("status").GetString());
        Assert.Contains("was promoted on the destination to the live share 'dr-live'", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Work goes on at the destination.
        File.WriteAllText(Path.Combine(live, "written-while-the-source-was-gone.txt"), "new work");
        File.Delete(Path.Combine(live, "dir3", Directory.EnumerateFiles(Path.Combine(live, "dir3")).First()));

        // Reverse: the rebuilt source receives the live share back, incrementally from the snapshot both still hold.
        var reverse = await AddTaskAsync(two.B, "dr-live", SourceId);
        var back = await FinishedAsync(two.B, reverse);
        two.AssertSucceeded(back);
        Assert.False(back.GetProperty("parent").ValueKind == JsonValueKind.Null, $"the reverse run was a full send: {back}");
        Assert.True(back.GetProperty("bytes").GetInt64() < 1 << 20, $"the reverse run sent {back.GetProperty("bytes")} bytes for a few changed files");
        var reverseReplica = await ReplicaIdAsync(two.A, "dr-live");
        var receivedBack = (await TrailAsync(two.A, $"/api/replication/receives/{reverseReplica}/trail"))[0];
        Assert.StartsWith("Built on this appliance's own snapshot dr/replication-", receivedBack.GetProperty("note").GetString(), StringComparison.Ordinal);
        var onSource = (await SnapshotsAsync(two.A, $"{DestinationId}_dr-live"))[0].GetProperty("path").GetString()!;
        Assert.Equal(Hashes(live), Hashes(onSource));

        // Switch back: the source retires its old share, makes the returned copy live under the old name
        // and replicates it to the destination again, into the replica folder the old chain left there,
        // building on a snapshot both hold rather than refusing as diverged.
        using (var retired = await two.A.DeleteAsync(new Uri($"/api/replication/tasks/{forward}?deleteSnapshots=true", UriKind.Relative)))
        using (var deleted = await two.A.DeleteAsync(new Uri("/api/shares/dr?deleteSnapshots=true", UriKind.Relative)))
        {
            Assert.True(retired.IsSuccessStatusCode && deleted.IsSuccessStatusCode, $"{retired.StatusCode} {deleted.StatusCode}");
        }

        var reverseId = (await TrailAsync(two.A, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == "dr-live").GetProperty("id").GetInt32();
        var home = (await Ok(two.A.PostAsJsonAsync($"/api/replication/receives/{reverseId}/promote", new { share = "dr" }))).GetProperty("path").GetString()!;
        Assert.Equal(Hashes(live), Hashes(home));
        var switchedBack = await AddTaskAsync(two.A, "dr", DestinationId);
        var forwardAgain = await FinishedAsync(two.A, switchedBack);
        two.AssertSucceeded(forwardAgain);
        Assert.False(forwardAgain.GetProperty("parent").ValueKind == JsonValueKind.Null, $"the switch-back run was a full send: {forwardAgain}");
        Assert.True(forwardAgain.GetProperty("bytes").GetInt64() < 1 << 20, $"the switch-back run sent {forwardAgain.GetProperty("bytes")} bytes with nothing changed");
        var arrived = (await SnapshotsAsync(two.B, ReplicaShare("dr"))).Single(s => s.GetProperty("name").GetString() == forwardAgain.GetProperty("snapshot").GetString());
        Assert.Equal(Hashes(home), Hashes(arrived.GetProperty("path").GetString()!));
    }

    [Fact(Timeout = 300_000)]
    public async Task Promoting_refuses_a_bad_name_an_unknown_snapshot_and_a_taken_share_name_and_changes_nothing()
    {
        var path = await two.CreateShareAsync("dr-refusals");
        WriteData(path, seed: 71, smallFiles: 5, largeMiB: 1);
        var task = await two.AddTaskAsync("dr-refusals");
        two.AssertSucceeded(await two.FinishedAsync(task, 1));
        var replicaId = await ReplicaIdAsync(two.B, "dr-refusals");
        await Ok(two.B.PostAsJsonAsync("/api/shares", new { pool = Pool, name = "dr-taken" }));

        foreach (var (body, status, detail) in new (object, HttpStatusCode, string)[]
        {
            (new { share = "" }, HttpStatusCode.BadRequest, "Name the share the replica becomes."),
            (new { share = "../etc" }, HttpStatusCode.BadRequest, "share"),
            (new { share = "dr-new", snapshot = "no-such-snapshot" }, HttpStatusCode.NotFound, $"The replica {ReplicaShare("dr-refusals")} holds no received snapshot 'no-such-snapshot'."),
            (new { share = "dr-taken" }, HttpStatusCode.Conflict, "dr-taken"),
        })
        {
            using var response = await two.B.PostAsJsonAsync($"/api/replication/receives/{replicaId}/promote", body);
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(detail, await ApiResponses.DetailAsync(response), StringComparison.Ordinal);
        }

        var replica = await Ok(two.B.GetAsync(new Uri($"/api/replication/receives/{replicaId}", UriKind.Relative)));
        Assert.Equal(JsonValueKind.Null, replica.GetProperty("promotion").ValueKind);
        two.AssertSucceeded(await two.RunAsync(task, finishedBefore: 1)); // still takes its source's runs
    }

    private static async Task<int> ReplicaIdAsync(HttpClient client, string sourceShare) =>
        (await TrailAsync(client, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == sourceShare).GetProperty("id").GetInt32();

    private static async Task<int> AddTaskAsync(HttpClient client, string share, string target) =>
        (await Ok(client.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share, targetApplianceId = target, targetPool = Pool, frequencyMinutes = 1440, enabled = true }))).GetProperty("id").GetInt32();

    /// <summary>The task's first finished attempt on that appliance.</summary>
    private static Task<JsonElement> FinishedAsync(HttpClient client, int taskId) => Waiting.UntilAsync(
        async () =>
        {
            var finished = (await TrailAsync(client, $"/api/replication/tasks/{taskId}/trail"))
                .Where(a => a.GetProperty("status").GetString() is not ("running" or "pending"))
                .ToList();
            Assert.NotEmpty(finished);
            return finished[0];
        },
        TimeSpan.FromMinutes(2));
}
