using System.Net;
using System.Net.Http.Json;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>A task whose target is the appliance itself: another pool, no network, the same trails and checks.</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class LocalTargetTests(TwoAppliances two)
{
    private const string Backup = "backup-local";

    [Fact(Timeout = 300_000)]
    public async Task A_task_to_another_pool_of_the_appliance_itself_replicates_in_full_then_incrementally_with_both_trails()
    {
        await Ok(two.A.PostAsJsonAsync("/api/pools", new { name = Backup, imageSizeGiB = 1 }));
        var path = await two.CreateShareAsync("local-docs");
        WriteData(path, seed: 80, smallFiles: 40, largeMiB: 4);

        var taskId = await two.AddTaskAsync("local-docs", pool: Backup, target: SourceId);
        var first = await two.FinishedAsync(taskId, 1);

        two.AssertSucceeded(first);
        var task = await Ok(two.A.GetAsync(new Uri($"/api/replication/tasks/{taskId}", UriKind.Relative)));
        Assert.Equal("this appliance", task.GetProperty("targetHostname").GetString());
        var copies = await SnapshotsAsync(two.A, $"{Backup}_local-docs");
        Assert.Equal(Backup, copies[0].GetProperty("pool").GetString());
        Assert.Equal(Hashes(path), Hashes(copies[0].GetProperty("path").GetString()!));

        File.WriteAllText(Path.Combine(path, "dir1", "changed.txt"), "a change after the first run");
        var second = await two.RunAsync(taskId, finishedBefore: 1);

        two.AssertSucceeded(second);
        Assert.Equal(first.GetProperty("snapshot").GetString(), second.GetProperty("parent").GetString());
        Assert.True(second.GetProperty("bytes").GetInt64() < 1 << 20, second.ToString());
        Assert.Equal(Hashes(path), Hashes((await SnapshotsAsync(two.A, $"{Backup}_local-docs"))[0].GetProperty("path").GetString()!));
        var replica = (await TrailAsync(two.A, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == "local-docs");
        Assert.Equal(("this appliance", Backup), (replica.GetProperty("senderHostname").GetString(), replica.GetProperty("pool").GetString()));
        var received = await TrailAsync(two.A, $"/api/replication/receives/{replica.GetProperty("id").GetInt32()}/trail");
        Assert.Equal(["succeeded", "succeeded"], received.Select(a => a.GetProperty("status").GetString()));

        // The same share to a second pool (a second disk, say): a replica of its own there.
        await Ok(two.A.PostAsJsonAsync("/api/pools", new { name = $"{Backup}2", imageSizeGiB = 1 }));
        var other = await two.AddTaskAsync("local-docs", pool: $"{Backup}2", target: SourceId);
        two.AssertSucceeded(await two.FinishedAsync(other, 1));
        Assert.Equal(Hashes(path), Hashes((await SnapshotsAsync(two.A, $"{Backup}2_local-docs"))[0].GetProperty("path").GetString()!));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_task_to_the_shares_own_pool_or_to_a_pool_that_does_not_exist_is_refused_with_a_sentence()
    {
        await two.CreateShareAsync("local-refused");

        foreach (var (pool, detail) in new[]
        {
            (Pool, $"'{Pool}' is the share's own pool: a task to this appliance copies the share to another pool"),
            ("no-such-pool", "There is no pool named 'no-such-pool' on this appliance."),
        })
        {
            using var response = await two.A.PostAsJsonAsync(
                "/api/replication/tasks",
                new { share = "local-refused", targetApplianceId = SourceId, targetPool = pool, frequencyMinutes = 1440 });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith(detail, await ApiResponses.DetailAsync(response), StringComparison.Ordinal);
        }
    }
}
