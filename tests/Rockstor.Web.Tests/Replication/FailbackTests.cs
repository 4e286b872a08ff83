using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// Failback: a received snapshot sent from the destination back to the source, between two real appliances,
/// on the source's request (ADR-017): its admin asks, the destination sends, the source takes it only
/// against that request.
/// </summary>
[Collection(nameof(ReplicationCollection))]
public sealed class FailbackTests(TwoAppliances two)
{
    [Fact(Timeout = 300_000)]
    public async Task A_restore_asked_for_on_the_source_returns_the_data_identical_as_a_new_share_or_by_rolling_the_share_back()
    {
        var path = await two.CreateShareAsync("precious");
        WriteData(path, seed: 60, smallFiles: 100, largeMiB: 8);
        var original = Hashes(path);
        var taskId = await two.AddTaskAsync("precious");
        two.AssertSucceeded(await two.FinishedAsync(taskId, 1));
        var replica = (await two.NewestReplicaAsync("precious")).GetProperty("name").GetString();
        var replicaId = (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == "precious").GetProperty("id").GetInt32();

        // The source sees what the destination holds of its shares.
        var held = (await TrailAsync(two.A, $"/api/replication/restores/from/{DestinationId}")).Single(r => r.GetProperty("sourceShare").GetString() == "precious");
        Assert.Contains(held.GetProperty("snapshots").EnumerateArray(), s => s.GetProperty("name").GetString() == replica);

        // Disaster on the source: files deleted and overwritten.
        Directory.Delete(Path.Combine(path, "dir1"), recursive: true);
        File.WriteAllText(Path.Combine(path, "large.bin"), "ransomware was here");

        // Back as a new share, asked for on the source.
        await Accepted(two.A.PostAsJsonAsync("/api/replication/restores", new { applianceId = DestinationId, share = "precious", snapshot = replica, newShare = "precious-restored", targetPool = Pool }));
        var sent = await FailbackAsync(replicaId, count: 1);

        Assert.Equal("succeeded", sent.GetProperty("status").GetString());
        Assert.Equal("Failback to source, which asked for it", sent.GetProperty("note").GetString());
        var restored = (await TrailAsync(two.A, "/api/shares")).Single(s => s.GetProperty("name").GetString() == "precious-restored");
        Assert.Equal(original, Hashes(restored.GetProperty("path").GetString()!));
        File.WriteAllText(Path.Combine(restored.GetProperty("path").GetString()!, "writable.txt"), "a share like any other");
        var onSource = (await TrailAsync(two.A, $"/api/replication/tasks/{taskId}/trail"))[0];
        Assert.Equal(("succeeded", "Failback from destination as share 'precious-restored'"), (onSource.GetProperty("status").GetString(), onSource.GetProperty("note").GetString()));
        var asked = (await TrailAsync(two.A, "/api/replication/restores"))[0];
        Assert.Equal(("succeeded", "Restored as share 'precious-restored'."), (asked.GetProperty("state").GetString(), asked.GetProperty("outcome").GetString()));
        var staging = Path.Combine(two.Source.Sandbox.MountRoot, Pool, ".failback");
        Assert.Empty(Directory.Exists(staging) ? Directory.EnumerateFileSystemEntries(staging) : []); // the staged copy is gone

        // The same name again is refused on the source before the destination is asked.
        await Refused(
            two.A.PostAsJsonAsync("/api/replication/restores", new { applianceId = DestinationId, share = "precious", snapshot = replica, newShare = "precious-restored", targetPool = Pool }),
            HttpStatusCode.Conflict,
            "A share named 'precious-restored' already exists");
        Assert.True(File.Exists(Path.Combine(restored.GetProperty("path").GetString()!, "writable.txt")));

        // Or the damaged share itself rolled back: its damaged state is kept as a snapshot first.
        await Accepted(two.A.PostAsJsonAsync("/api/replication/restores", new { applianceId = DestinationId, share = "precious", snapshot = replica, rollback = true }));
        var rolledBack = await FailbackAsync(replicaId, count: 2);

        Assert.Equal("succeeded", rolledBack.GetProperty("status").GetString());
        Assert.Equal(original, Hashes(path));
        var kept = (await SnapshotsAsync(two.A, "precious")).Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains(kept, n => n.StartsWith("before-rollback-", StringComparison.Ordinal));
        Assert.Contains(kept, n => n.StartsWith("failback-", StringComparison.Ordinal));
        var damaged = (await SnapshotsAsync(two.A, "precious")).Single(s => s.GetProperty("name").GetString()!.StartsWith("before-rollback-", StringComparison.Ordinal));
        Assert.Equal("ransomware was here", File.ReadAllText(Path.Combine(damaged.GetProperty("path").GetString()!, "large.bin")));

        // The chain goes on: the next run still sends incrementally.
        two.AssertSucceeded(await two.RunAsync(taskId, finishedBefore: 1 + 2));
    }

    [Fact(Timeout = 300_000)]
    public async Task Only_the_folder_chosen_comes_back_from_the_destination_in_its_place_and_the_rest_of_the_share_is_left_as_it_is()
    {
        var path = await two.CreateShareAsync("partly");
        WriteData(path, seed: 61, smallFiles: 60, largeMiB: 2);
        var dir1 = Hashes(Path.Combine(path, "dir1"));
        var taskId = await two.AddTaskAsync("partly");
        two.AssertSucceeded(await two.FinishedAsync(taskId, 1));
        var replica = (await two.NewestReplicaAsync("partly")).GetProperty("name").GetString();
        var replicaId = (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == "partly").GetProperty("id").GetInt32();

        // A folder is lost on the source, and another file changes, which the admin wants to keep.
        Directory.Delete(Path.Combine(path, "dir1"), recursive: true);
        File.WriteAllText(Path.Combine(path, "kept.txt"), "written after the run");

        await Accepted(two.A.PostAsJsonAsync("/api/replication/restores", new { applianceId = DestinationId, share = "partly", snapshot = replica, paths = new[] { "/dir1" }, mode = "replace" }));
        var sent = await FailbackAsync(replicaId, count: 1);

        Assert.Equal("succeeded", sent.GetProperty("status").GetString());
        Assert.Equal(dir1, Hashes(Path.Combine(path, "dir1")));
        Assert.Equal("written after the run", File.ReadAllText(Path.Combine(path, "kept.txt")));
        var asked = (await TrailAsync(two.A, "/api/replication/restores"))[0];
        Assert.Equal("succeeded", asked.GetProperty("state").GetString());
        Assert.StartsWith("Restored '/dir1' into 'partly' from the snapshot kept as 'failback-", asked.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Equal(["/dir1"], asked.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        var names = (await SnapshotsAsync(two.A, "partly")).Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains(names, n => n.StartsWith("failback-", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("before-restore-", StringComparison.Ordinal));

        // Both ways of asking at once are refused before the destination is asked.
        await Refused(
            two.A.PostAsJsonAsync("/api/replication/restores", new { applianceId = DestinationId, share = "partly", snapshot = replica, paths = new[] { "/dir1" }, rollback = true }),
            HttpStatusCode.BadRequest,
            "one of the three");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_restore_that_cannot_be_is_refused_at_once_with_the_reason()
    {
        var path = await two.CreateShareAsync("checked");
        WriteData(path, seed: 61, smallFiles: 5, largeMiB: 0);
        var taskId = await two.AddTaskAsync("checked");
        two.AssertSucceeded(await two.FinishedAsync(taskId, 1));
        var snapshot = (await two.NewestReplicaAsync("checked")).GetProperty("name").GetString();
        const string url = "/api/replication/restores";

        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = DestinationId, share = "checked", snapshot, newShare = "x", targetPool = Pool, rollback = true }), HttpStatusCode.BadRequest, "one of the three");
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = DestinationId, share = "checked", snapshot }), HttpStatusCode.BadRequest, "one of the three");
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = DestinationId, share = "checked", snapshot, newShare = "-bad", targetPool = Pool }), HttpStatusCode.BadRequest, "share");
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = DestinationId, share = "checked", snapshot, newShare = "fine" }), HttpStatusCode.BadRequest, "pool name");
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = "ffff", share = "checked", snapshot, newShare = "fine", targetPool = Pool }), HttpStatusCode.NotFound, "no such paired appliance");
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = ThirdId, share = "checked", snapshot, rollback = true }), HttpStatusCode.Conflict, "Only a share that replicates to third");

        // The destination refuses what it does not hold; nothing stays asked for on the source.
        var before = (await TrailAsync(two.A, url)).Count;
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = DestinationId, share = "checked", snapshot = "nope", newShare = "fine", targetPool = Pool }), HttpStatusCode.BadRequest, "no received snapshot of that name");
        await Refused(two.A.PostAsJsonAsync(url, new { applianceId = ThirdId, share = "checked", snapshot, newShare = "fine", targetPool = Pool }), HttpStatusCode.BadRequest, "holds no replica of your share 'checked'");
        Assert.Equal(before, (await TrailAsync(two.A, url)).Count);
    }

    private static async Task Accepted(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task Refused(Task<HttpResponseMessage> sending, HttpStatusCode status, string reason)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }

    /// <summary>Waits until the replica's receive trail holds this many finished failback attempts; returns the newest.</summary>
    private Task<JsonElement> FailbackAsync(int replicaId, int count) => Waiting.UntilAsync(
        async () =>
        {
            var failbacks = (await TrailAsync(two.B, $"/api/replication/receives/{replicaId}/trail"))
                .Where(a => a.GetProperty("note").GetString()?.StartsWith("Failback", StringComparison.Ordinal) == true)
                .Where(a => a.GetProperty("status").GetString() is not ("running" or "pending"))
                .ToList();
            Assert.True(failbacks.Count >= count, $"{failbacks.Count} failbacks finished, not {count}\n--- source ---\n{two.Source.Log}\n--- destination ---\n{two.Destination.Log}");
            return failbacks[0];
        },
        TimeSpan.FromMinutes(2));
}
