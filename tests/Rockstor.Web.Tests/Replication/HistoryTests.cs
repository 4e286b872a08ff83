using System.Net.Http.Json;
using System.Text.Json;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>Each side keeps its own history, on two real appliances (real btrfs, the real peer socket).</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class HistoryTests(TwoAppliances two)
{
    [Fact(Timeout = 300_000)]
    public async Task The_destination_keeps_its_own_policy_and_a_protection_period_no_sender_can_shorten()
    {
        var path = await two.CreateShareAsync("history");
        WriteData(path, seed: 31, smallFiles: 5, largeMiB: 0);
        var created = await Ok(two.A.PostAsJsonAsync("/api/replication/tasks", new
        {
            share = "history", targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 1440,
            retention = new { last = 2 }, destinationRetention = new { last = 3 },
        }));
        var task = created.GetProperty("id").GetInt32();
        Assert.Equal((2, 3), (created.GetProperty("retention").GetProperty("last").GetInt32(), created.GetProperty("destinationRetention").GetProperty("last").GetInt32()));
        two.AssertSucceeded(await two.FinishedAsync(task, 1));

        // The destination's admin overrides the proposal (3) with a policy of its own (4).
        var replica = (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("replicaShare").GetString() == ReplicaShare("history"));
        var id = replica.GetProperty("id").GetInt32();
        Assert.Equal(3, replica.GetProperty("proposedRetention").GetProperty("last").GetInt32());
        var set = await Ok(two.B.PutAsJsonAsync($"/api/replication/receives/{id}", new { retention = new { last = 4 } }));
        Assert.Equal(4, set.GetProperty("effectiveRetention").GetProperty("last").GetInt32());
        for (var run = 1; run <= 5; run++)
        {
            File.WriteAllText(Path.Combine(path, $"run{run}.txt"), $"run {run}");
            two.AssertSucceeded(await two.RunAsync(task, finishedBefore: run));
        }

        Assert.Equal(2, (await OwnAsync(two.A, "history", task)).Count);
        var kept = await OwnAsync(two.B, ReplicaShare("history"), task);
        Assert.Equal(4, kept.Count);

        // Now the destination protects for 30 days by default and follows the sender's proposal (3) again;
        // then the sender asks for 1. That is not adopted by itself, and what the policy of 3 would delete
        // is protected: nothing the destination holds goes, and it says what it kept and what it refused.
        try
        {
            Assert.Equal(30, (await Ok(two.B.PutAsJsonAsync("/api/replication/protection", new { protectionDays = 30 }))).GetProperty("protectionDays").GetInt32());
            await Ok(two.B.PutAsJsonAsync($"/api/replication/receives/{id}", new { followSender = true }));
            await Ok(two.A.PutAsJsonAsync($"/api/replication/tasks/{task}", new { destinationRetention = new { last = 1 } }));
            File.WriteAllText(Path.Combine(path, "run6.txt"), "run 6");
            two.AssertSucceeded(await two.RunAsync(task, finishedBefore: 6));

            var after = await OwnAsync(two.B, ReplicaShare("history"), task);
            Assert.Equal(5, after.Count);
            Assert.All(kept, name => Assert.Contains(name, after));
            replica = await two.B.GetFromJsonAsync<JsonElement>($"/api/replication/receives/{id}");
            Assert.Equal((30, 3, 1), (
                replica.GetProperty("effectiveProtectionDays").GetInt32(),
                replica.GetProperty("effectiveRetention").GetProperty("last").GetInt32(),
                replica.GetProperty("proposedRetention").GetProperty("last").GetInt32()));
            Assert.Equal(kept.Order(StringComparer.Ordinal).Take(2), replica.GetProperty("withheld").EnumerateArray().Select(w => w.GetProperty("snapshot").GetString()!).Order(StringComparer.Ordinal));
            var rows = await SnapshotsAsync(two.B, ReplicaShare("history"));
            Assert.All(rows, r => Assert.True(r.GetProperty("protectedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29)));
            var refusals = await TrailAsync(two.B, "/api/replication/refusals");
            Assert.Contains(refusals, r => r.GetProperty("reason").GetString()!.StartsWith($"Kept protected snapshots of {ReplicaShare("history")}", StringComparison.Ordinal));
            Assert.Contains(refusals, r => r.GetProperty("reason").GetString()!.StartsWith($"The sender proposes keeping 1 last of {ReplicaShare("history")}", StringComparison.Ordinal));
        }
        finally
        {
            await Ok(two.B.PutAsJsonAsync("/api/replication/protection", new { protectionDays = 0 })); // the other tests' destination protects nothing
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task The_ransomware_walk_leaves_the_destination_its_protected_and_locked_snapshots_identical_and_lists_the_refusals()
    {
        var path = await two.CreateShareAsync("walk");
        WriteData(path, seed: 41, smallFiles: 20, largeMiB: 2);
        var original = Hashes(path);
        var task = await two.AddTaskAsync("walk", keep: 2);
        two.AssertSucceeded(await two.FinishedAsync(task, 1));
        var replica = (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("replicaShare").GetString() == ReplicaShare("walk"));
        var id = replica.GetProperty("id").GetInt32();
        await Ok(two.B.PutAsJsonAsync($"/api/replication/receives/{id}", new { protectionDays = 14 }));
        var first = (await OwnAsync(two.B, ReplicaShare("walk"), task)).Single();
        await Ok(two.B.PostAsync(new Uri($"/api/shares/{ReplicaShare("walk")}/snapshots/{first}/lock", UriKind.Relative), null));
        for (var run = 1; run <= 3; run++)
        {
            File.WriteAllText(Path.Combine(path, $"day{run}.txt"), $"day {run}");
            two.AssertSucceeded(await two.RunAsync(task, finishedBefore: run));
        }

        var before = (await SnapshotsAsync(two.B, ReplicaShare("walk"))).ToDictionary(s => s.GetProperty("name").GetString()!, s => Hashes(s.GetProperty("path").GetString()!));
        Assert.Equal(4, before.Count); // all protected; the source keeps 2

        // The attack: the share is wiped, the source's snapshots deleted, the task made to keep 1 and to
        // propose 1, re-seeded, and deleted with its snapshots.
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, "encrypted");
        }

        foreach (var name in await OwnAsync(two.A, "walk", task))
        {
            await Ok(two.A.DeleteAsync(new Uri($"/api/shares/walk/snapshots/{name}", UriKind.Relative)));
        }

        await Ok(two.A.PutAsJsonAsync($"/api/replication/tasks/{task}", new { retention = new { last = 1 }, destinationRetention = new { last = 1 } }));
        Assert.StartsWith("Diverged", (await two.RunAsync(task, finishedBefore: 4)).GetProperty("error").GetString(), StringComparison.Ordinal);
        await Ok(two.A.PostAsync(new Uri($"/api/replication/tasks/{task}/reseed", UriKind.Relative), null));
        two.AssertSucceeded(await two.FinishedAsync(task, 6));
        await Ok(two.A.DeleteAsync(new Uri($"/api/replication/tasks/{task}?deleteSnapshots=true", UriKind.Relative)));

        var after = (await SnapshotsAsync(two.B, ReplicaShare("walk"))).ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("path").GetString()!);
        Assert.Equal(5, after.Count); // the four from before, and the encrypted one
        Assert.All(before, kept => Assert.Equal(kept.Value, Hashes(after[kept.Key])));
        Assert.Equal(original, Hashes(after[first]));
        var refusals = (await TrailAsync(two.B, "/api/replication/refusals")).Select(r => r.GetProperty("reason").GetString()!).ToList();
        Assert.Contains(refusals, r => r.StartsWith($"The sender proposes keeping 1 last of {ReplicaShare("walk")}", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.StartsWith($"Kept protected snapshots of {ReplicaShare("walk")}", StringComparison.Ordinal));
        replica = await two.B.GetFromJsonAsync<JsonElement>($"/api/replication/receives/{id}");
        Assert.Equal(2, replica.GetProperty("withheld").GetArrayLength()); // what its policy of 2 would delete, the locked one aside
    }

    private static async Task<List<string>> OwnAsync(HttpClient client, string share, int task) =>
        (await SnapshotsAsync(client, share))
            .Select(s => s.GetProperty("name").GetString()!)
            .Where(n => n.StartsWith($"replication-{task}-", StringComparison.Ordinal))
            .ToList();
}
