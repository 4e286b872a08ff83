using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// kill -9 of the sender or the receiver at a point chosen by a seed, in streamed and in resumable runs.
/// More seeds: ROCKSTOR_CRASH_SEEDS=1-40 (a range) or a list (3,17,20).
/// </summary>
[Collection(nameof(ReplicationCollection))]
public sealed class CrashTests(TwoAppliances two, Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<int> Seeds()
    {
        var text = Environment.GetEnvironmentVariable("ROCKSTOR_CRASH_SEEDS") ?? "1-4";
        var seeds = new TheoryData<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            for (var seed = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture); seed <= int.Parse(range[^1], System.Globalization.CultureInfo.InvariantCulture); seed++)
            {
                seeds.Add(seed);
            }
        }

        return seeds;
    }

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Seeds))]
    public async Task Killing_either_appliance_at_a_random_point_leaves_nothing_garbled_and_the_next_run_makes_an_identical_replica(int seed)
    {
        var random = new Random(seed);
        var share = $"crash-{seed}";
        var path = await two.CreateShareAsync(share);
        WriteData(path, seed: 100 + seed, smallFiles: 100, largeMiB: 24);
        var killSource = random.Next(2) == 0;
        var resumable = random.Next(2) == 0;

        // Paced so a run lasts about 3 s (resumable) or 1.3 s: the kill lands anywhere from before the
        // snapshot to after the verdict.
        var added = await Ok(two.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share, targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 1440, bandwidthLimitMBps = resumable ? 8.0 : 20.0, resumable }));
        var taskId = added.GetProperty("id").GetInt32();
        var delay = random.Next(0, resumable ? 3500 : 1500);
        await Task.Delay(delay);
        output.WriteLine($"seed {seed}: kill the {(killSource ? "source" : "destination")} {delay} ms into a {(resumable ? "resumable" : "streamed")} run");
        if (killSource)
        {
            await two.RestartSourceAsync();
        }
        else
        {
            await two.RestartDestinationAsync();
        }

        var good = await UntilSucceededAsync(taskId);

        output.WriteLine($"seed {seed}: {good}");
        Assert.DoesNotContain(await TrailAsync(two.A, $"/api/replication/tasks/{taskId}/trail"), a => a.GetProperty("status").GetString() == "running");
        var receive = (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == share);
        Assert.DoesNotContain(await TrailAsync(two.B, $"/api/replication/receives/{receive.GetProperty("id").GetInt32()}/trail"), a => a.GetProperty("status").GetString() == "running");

        // Nothing garbled: every subvolume in the replica's folder is a finished receive the store knows.
        var known = (await SnapshotsAsync(two.B, ReplicaShare(share))).Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(known, two.ReplicaFolder(share));
        foreach (var name in known)
        {
            var shown = Sandbox.Run("btrfs", "subvolume", "show", Path.Combine(two.Destination.Sandbox.MountRoot, Pool, ".snapshots", ReplicaShare(share), name));
            Assert.Contains("readonly", shown, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"Received UUID:\s+-", shown);
        }

        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync(share)).GetProperty("path").GetString()!));
        Assert.False(Directory.Exists(Path.Combine(two.Destination.Sandbox.MountRoot, Pool, ".spool", ReplicaShare(share))), "no spool is left once the snapshot is in place");
    }

    /// <summary>
    /// Waits for the task to have a succeeded run; when its runs have settled without one (the source was
    /// killed and its job gave up), asks for one more, as the next scheduled run would.
    /// </summary>
    private Task<JsonElement> UntilSucceededAsync(int taskId)
    {
        Stopwatch? sinceAsked = null;
        return Waiting.UntilAsync(
            async () =>
            {
                var trail = await TrailAsync(two.A, $"/api/replication/tasks/{taskId}/trail");
                var good = trail.FirstOrDefault(a => a.GetProperty("status").GetString() == "succeeded");
                var settled = trail.All(a => a.GetProperty("status").GetString() is not ("running" or "pending"));
                if (good.ValueKind != JsonValueKind.Object && settled && (sinceAsked is null || sinceAsked.Elapsed > TimeSpan.FromSeconds(20)))
                {
                    await Ok(two.A.PostAsync(new Uri($"/api/replication/tasks/{taskId}/run", UriKind.Relative), null));
                    sinceAsked = Stopwatch.StartNew();
                }

                Assert.True(good.ValueKind == JsonValueKind.Object, $"No run of task {taskId} succeeded: {string.Join("\n", trail)}\n--- source ---\n{two.Source.Log}\n--- destination ---\n{two.Destination.Log}");
                return good;
            },
            TimeSpan.FromMinutes(3));
    }
}
