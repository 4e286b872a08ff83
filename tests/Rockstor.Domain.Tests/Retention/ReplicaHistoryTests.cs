using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Retention;

/// <summary>Each side of a replication keeps its own history; the destination's protection outlasts whatever a sender asks.</summary>
public sealed class ReplicaHistoryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static void SetPolicies(ReplicationScene scene, RetentionPolicy source, RetentionPolicy? proposed)
    {
        var task = scene.A.Tasks.Find(1)!;
        task.Retention = source;
        task.DestinationRetention = proposed;
        scene.A.Tasks.Save(task);
    }

    /// <summary>Runs task 1 <paramref name="runs"/> times, <paramref name="apart"/> apart, each after writing a new version of "docs".</summary>
    private static async Task<IReadOnlyList<Attempt>> RunEveryAsync(ReplicationScene scene, int runs, TimeSpan apart, Func<int, string>? content = null)
    {
        var attempts = new List<Attempt>();
        for (var i = 0; i < runs; i++)
        {
            scene.WriteDocs(content?.Invoke(i) ?? $"docs at {scene.Time.GetUtcNow():O}");
            attempts.Add((await scene.RunAsync())!);
            scene.Time.Advance(apart);
        }

        return attempts;
    }

    private static string At(int day, int hour) =>
        ReplicationNames.Snapshot(1, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).AddDays(day).AddHours(hour));

    [Fact(Timeout = 30_000)]
    public async Task After_fifteen_simulated_days_each_side_holds_what_its_own_policy_says_and_runs_stay_incremental()
    {
        var scene = await ReplicationScene.StartAsync();
        SetPolicies(scene, new RetentionPolicy(Last: 3), new RetentionPolicy(Daily: 10));

        var runs = await RunEveryAsync(scene, 90, TimeSpan.FromHours(4)); // from 24 November 12:00 to 9 December 08:00

        Assert.All(runs, a => Assert.Equal(AttemptStatus.Succeeded, a.Status));
        Assert.All(runs.Skip(1), a => Assert.NotNull(a.Parent));
        Assert.Equal([At(15, 0), At(15, 4), At(15, 8)], scene.A.Kept("docs"));
        Assert.Equal([.. Enumerable.Range(6, 9).Select(day => At(day, 20)), At(15, 8)], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal(new RetentionPolicy(Daily: 10), scene.B.Replicas.List().Single().ProposedRetention);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_destinations_own_policy_wins_over_what_the_sender_proposes()
    {
        var scene = await ReplicationScene.StartAsync(keep: 5);
        await RunEveryAsync(scene, 1, TimeSpan.FromHours(1));
        var replica = scene.B.Replicas.List().Single();
        await scene.B.Protection.SetAsync(replica.Id, new RetentionPolicy(Last: 2), followSender: false, protectionDays: null, defaultProtection: false, None);

        await RunEveryAsync(scene, 5, TimeSpan.FromHours(1));

        Assert.Equal(5, scene.A.Kept("docs").Count);
        Assert.Equal([At(0, 16), At(0, 17)], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal(new RetentionPolicy(Last: 2), scene.B.Replicas.Find(replica.Id)!.EffectiveRetention);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_ransomware_walk_leaves_the_destination_every_protected_and_every_locked_snapshot_and_lists_what_it_refused()
    {
        var scene = await ReplicationScene.StartAsync(keep: 3);
        scene.B.Protection.SetDefaultDays(14);
        var daily = (await RunEveryAsync(scene, 3, TimeSpan.FromDays(1), day => $"docs on day {day}")).ToList(); // days 0 to 2, at noon
        await scene.B.SnapshotService.LockAsync(scene.ReplicaShare, At(2, 12), None); // the destination's admin locks day 2 there
        daily.AddRange(await RunEveryAsync(scene, 17, TimeSpan.FromDays(1), day => $"docs on day {day + 3}")); // days 3 to 19
        var replica = scene.B.Replicas.List().Single();
        var before = scene.B.Kept(scene.ReplicaShare).ToDictionary(n => n, scene.ReplicaContent);
        // The attack comes on day 20 at noon: what arrived on days 7 to 19 is inside its 14 days.

        // The attacker wipes the share, deletes the source's snapshots, makes the task keep 1 there and
        // propose 1 here, and re-seeds it; then deletes the task.
        scene.WriteDocs("encrypted");
        foreach (var name in scene.A.Kept("docs"))
        {
            await scene.A.SnapshotService.DeleteAsync("docs", name, None);
        }

        SetPolicies(scene, new RetentionPolicy(Last: 1), new RetentionPolicy(Last: 1));
        var task = scene.A.Tasks.Find(1)!;
        task.ReseedRequested = true;
        scene.A.Tasks.Save(task);
        var reseed = await scene.RunAsync();
        scene.A.Tasks.Remove(1);

        Assert.All(daily, a => Assert.Equal(AttemptStatus.Succeeded, a.Status));
        Assert.Equal(AttemptStatus.Succeeded, reseed!.Status);
        Assert.Null(reseed.Parent); // a full send: a new chain on the destination
        string[] insideProtection = [.. Enumerable.Range(7, 13).Select(day => At(day, 12))];
        Assert.Equal([At(2, 12), .. insideProtection, At(20, 12)], scene.B.Kept(scene.ReplicaShare));
        Assert.All(insideProtection.Append(At(2, 12)), name => Assert.Equal(before[name], scene.ReplicaContent(name)));
        Assert.Equal("docs on day 19", scene.ReplicaContent(At(19, 12)));
        Assert.Equal("encrypted", scene.ReplicaContent(At(20, 12)));

        // The sender's "keep 1" was not adopted: the destination goes on keeping the newest 3, and protection
        // withholds days 7 to 17 from that policy.
        var withheld = scene.B.Replicas.Find(replica.Id)!.Withheld;
        Assert.Equal(insideProtection[..^2], withheld.Select(w => w.Snapshot));
        Assert.All(withheld, w => Assert.Equal("3 last (adopted from the sender)", w.Policy));
        Assert.Equal(new RetentionPolicy(Last: 1), scene.B.Replicas.Find(replica.Id)!.ProposedRetention);
        Assert.Contains(scene.B.Refusals.All, r => r.SenderApplianceId == scene.A.Id && r.Reason.StartsWith("Kept protected snapshots of", StringComparison.Ordinal));
        Assert.Contains(scene.B.Refusals.All, r => r.SenderApplianceId == scene.A.Id && r.Reason.StartsWith("The sender proposes keeping 1 last", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_proposal_that_keeps_less_waits_for_the_admin_and_one_that_keeps_more_is_adopted_at_once()
    {
        var scene = await ReplicationScene.StartAsync(keep: 4);
        await RunEveryAsync(scene, 4, TimeSpan.FromHours(1));

        SetPolicies(scene, new RetentionPolicy(Last: 4), new RetentionPolicy(Last: 2));
        await RunEveryAsync(scene, 1, TimeSpan.FromHours(1));
        var replica = scene.B.Replicas.List().Single();
        Assert.Equal(4, scene.B.Kept(scene.ReplicaShare).Count); // still the adopted 4
        Assert.Equal(RetentionPolicy.KeepLast(4), replica.EffectiveRetention);

        await scene.B.Protection.SetAsync(replica.Id, retention: null, followSender: true, protectionDays: null, defaultProtection: false, None); // the admin accepts
        await RunEveryAsync(scene, 1, TimeSpan.FromHours(1));
        Assert.Equal(2, scene.B.Kept(scene.ReplicaShare).Count);

        SetPolicies(scene, new RetentionPolicy(Last: 4), new RetentionPolicy(Last: 3, Daily: 2));
        await RunEveryAsync(scene, 2, TimeSpan.FromHours(1));
        Assert.Equal(new RetentionPolicy(Last: 3, Daily: 2), scene.B.Replicas.Find(replica.Id)!.EffectiveRetention);
        Assert.Equal(3, scene.B.Kept(scene.ReplicaShare).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Protection_ends_and_the_policy_then_deletes_and_a_replicas_own_period_beats_the_default()
    {
        var scene = await ReplicationScene.StartAsync(keep: 2);
        scene.B.Protection.SetDefaultDays(3);
        await RunEveryAsync(scene, 5, TimeSpan.FromDays(1)); // days 0 to 4

        // Day 1's protection ended at the last run (day 4, noon); day 2's goes on until day 5.
        Assert.Equal([At(2, 12), At(3, 12), At(4, 12)], scene.B.Kept(scene.ReplicaShare));
        var replica = scene.B.Replicas.List().Single();
        Assert.Equal([At(2, 12)], replica.Withheld.Select(w => w.Snapshot));
        await scene.B.Protection.SetAsync(replica.Id, retention: null, followSender: false, protectionDays: 0, defaultProtection: false, None);

        await RunEveryAsync(scene, 1, TimeSpan.FromDays(1));

        Assert.Equal([At(4, 12), At(5, 12)], scene.B.Kept(scene.ReplicaShare));
        Assert.Empty(scene.B.Replicas.Find(replica.Id)!.Withheld);
    }
}
