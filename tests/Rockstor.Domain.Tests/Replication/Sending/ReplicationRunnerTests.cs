using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Sending;

/// <summary>What a run sends, from which parent, and what it keeps: nas1 replicating "docs" to nas2, in memory.</summary>
public sealed class ReplicationRunnerTests
{
    private const string Share = ReplicationScene.Share;

    [Fact(Timeout = 10_000)]
    public async Task The_first_run_sends_in_full_the_next_builds_on_it_and_the_replica_holds_what_the_share_held()
    {
        var scene = await ReplicationScene.StartAsync();

        var first = (await scene.RunAsync())!;
        scene.Time.Advance(TimeSpan.FromHours(1));
        scene.WriteDocs("docs v2");
        var second = (await scene.RunAsync())!;

        Assert.Equal((AttemptStatus.Succeeded, null, null), (first.Status, first.Parent, first.Error));
        Assert.Equal((AttemptStatus.Succeeded, first.Snapshot), (second.Status, second.Parent));
        Assert.Equal([first.Snapshot!, second.Snapshot!], scene.A.Kept(Share));
        Assert.Equal([first.Snapshot!, second.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal(("docs v1", "docs v2"), (scene.ReplicaContent(first.Snapshot!), scene.ReplicaContent(second.Snapshot!)));
        var (full, incremental) = (scene.B.Snapshot(scene.ReplicaShare, first.Snapshot!), scene.B.Snapshot(scene.ReplicaShare, second.Snapshot!));
        Assert.Equal(scene.A.Snapshot(Share, second.Snapshot!).Uuid, incremental.ReceivedUuid);
        Assert.Null(full.ParentUuid);
        Assert.Equal(full.Uuid, incremental.ParentUuid);
        Assert.Equal([false, false], scene.A.Events.RunsEnded.Select(r => r.StoppedOnPurpose));
    }

    [Fact(Timeout = 10_000)]
    public async Task The_parent_is_the_newest_source_snapshot_the_destination_holds_by_received_uuid_whatever_its_name_there()
    {
        var scene = await ReplicationScene.StartAsync();
        var (first, second, third) = await scene.RunHourlyAsync(3) is [var a, var b, var c] ? (a.Snapshot!, b.Snapshot!, c.Snapshot!) : default;

        // On nas2 the admin deletes the newest replica snapshot and renames the one before it.
        var folder = scene.B.Layout.ShareSnapshotsDirectory(Appliance.Pool, scene.ReplicaShare);
        await scene.B.Btrfs.DeleteSubvolumeAsync(Path.Combine(folder, third), CancellationToken.None);
        scene.B.Files.Move(Path.Combine(folder, second), Path.Combine(folder, "kept-by-admin"));
        await scene.B.SnapshotService.ReconcileAsync(CancellationToken.None);
        var fourth = (await scene.RunAsync())!;

        Assert.Equal((AttemptStatus.Succeeded, second), (fourth.Status, fourth.Parent));
        Assert.Equal(["kept-by-admin", first, fourth.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal(scene.B.Snapshot(scene.ReplicaShare, "kept-by-admin").Uuid, scene.B.Snapshot(scene.ReplicaShare, fourth.Snapshot!).ParentUuid);
        Assert.Equal([first, second, third, fourth.Snapshot!], scene.A.Kept(Share));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_diverged_destination_is_refused_with_nothing_sent_or_deleted_and_a_re_seed_sends_in_full_and_clears_the_flag()
    {
        var scene = await ReplicationScene.StartAsync();
        var first = (await scene.RunHourlyAsync(1))[0].Snapshot!;
        await scene.A.SnapshotService.DeleteAsync(Share, first, CancellationToken.None); // the chain's only link, gone from the source

        var refused = (await scene.RunAsync())!;

        Assert.Equal(AttemptStatus.Failed, refused.Status);
        Assert.StartsWith("Diverged: nas2 holds 1 snapshot(s) of this share's replica", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent or deleted.", refused.Error, StringComparison.Ordinal);
        Assert.Null(refused.Snapshot);
        Assert.Empty(scene.A.Kept(Share));
        Assert.Equal([first], scene.B.Kept(scene.ReplicaShare));
        Assert.Single(scene.B.Trail(TrailSide.Receive, scene.B.Replicas.List().Single().Id)); // no offer reached nas2
        Assert.True(scene.A.Tasks.Find(1)!.Diverged);

        scene.A.Records.ChangeTask(1, t => t.ReseedRequested = true);
        scene.Time.Advance(TimeSpan.FromHours(1));
        var reseeded = (await scene.RunAsync())!;

        Assert.Equal((AttemptStatus.Succeeded, null), (reseeded.Status, reseeded.Parent));
        Assert.Equal([first, reseeded.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Null(scene.B.Snapshot(scene.ReplicaShare, reseeded.Snapshot!).ParentUuid);
        Assert.Equal((false, false), (scene.A.Tasks.Find(1)!.Diverged, scene.A.Tasks.Find(1)!.ReseedRequested));
    }

    /// <summary>
    /// Fails today: <c>SendWithRetriesAsync</c> keeps the snapshot only from a try that returns, so a try that
    /// took it and then failed (here the connection resets before the offer) leaves it behind, and the retry
    /// takes a second one, against the runner's own "The snapshot is taken once: every try sends the same one".
    /// </summary>
    [Fact(Timeout = 10_000)]
    public async Task A_transient_failure_is_tried_again_after_the_policy_s_wait_and_the_snapshot_is_taken_once()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Transport.Next(LinkFault.Reset("Connection reset by peer"));

        var run = scene.RunAsync();
        var waiting = scene.A.Trail(TrailSide.Send, 1).Single();
        Assert.False(run.IsCompleted);
        Assert.Equal((AttemptStatus.Running, 1), (waiting.Status, waiting.Retries));
        Assert.Equal("Trying again in 1 s (1 of 6): Connection reset by peer", waiting.Error);

        await scene.WaitOutRetryAsync(1);
        var attempt = (await run)!;

        Assert.Equal((AttemptStatus.Succeeded, 1, null), (attempt.Status, attempt.Retries, attempt.Error));
        Assert.Equal([attempt.Snapshot!], scene.A.Kept(Share));
        Assert.Single(scene.A.Btrfs.Calls, nameof(IBtrfs.CreateSnapshotAsync));
        Assert.Equal([attempt.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal(2, scene.A.Transport.Connections);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_link_cut_mid_stream_is_tried_again_and_the_destination_keeps_nothing_of_the_cut_try()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Transport.Next(LinkFault.Cut(after: 20));

        var run = scene.RunAsync();
        await scene.WaitOutRetryAsync(1);
        var attempt = (await run)!;

        Assert.Equal((AttemptStatus.Succeeded, 1), (attempt.Status, attempt.Retries));
        var (good, cut) = scene.B.Trail(TrailSide.Receive, scene.B.Replicas.List().Single().Id) is [var g, var c] ? (g, c) : default;
        Assert.Equal((AttemptStatus.Failed, "The stream was cut: The link broke after 20 bytes."), (cut!.Status, cut.Error));
        Assert.Equal(AttemptStatus.Succeeded, good!.Status);
        Assert.Equal([attempt.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal("docs v1", scene.ReplicaContent(attempt.Snapshot!));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_garbled_stream_is_sent_again_and_only_the_faithful_copy_is_kept()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Transport.Next(LinkFault.Garble());

        var run = scene.RunAsync();
        Assert.Contains("not the one sent", scene.A.Trail(TrailSide.Send, 1).Single().Error, StringComparison.Ordinal);
        await scene.WaitOutRetryAsync(1);
        var attempt = (await run)!;

        Assert.Equal((AttemptStatus.Succeeded, 1), (attempt.Status, attempt.Retries));
        Assert.Equal([attempt.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal("docs v1", scene.ReplicaContent(attempt.Snapshot!));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_run_gives_up_after_the_policy_s_last_retry_and_says_why()
    {
        var scene = await ReplicationScene.StartAsync(maxRetries: 2);
        for (var i = 0; i < 3; i++)
        {
            scene.A.Transport.Next(LinkFault.Down("no route to host"));
        }

        var run = scene.RunAsync();
        await scene.WaitOutRetryAsync(1);
        await scene.WaitOutRetryAsync(2);
        var attempt = (await run)!;

        Assert.Equal((AttemptStatus.Failed, 2), (attempt.Status, attempt.Retries));
        Assert.Equal("Could not reach the replication service of nas2: no route to host.", attempt.Error);
        Assert.Equal(0, scene.A.Transport.Connections);
        Assert.False(scene.A.Events.RunsEnded.Single().StoppedOnPurpose);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_transfer_that_stops_moving_is_ended_as_stalled_and_tried_again()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Transport.Next(LinkFault.Stall(after: 20));

        var run = scene.RunAsync();
        scene.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(run.IsCompleted);
        scene.Time.Advance(TimeSpan.FromMinutes(2));
        await scene.WaitOutRetryAsync(1);
        var attempt = (await run)!;

        Assert.Equal((AttemptStatus.Succeeded, 1), (attempt.Status, attempt.Retries));
        Assert.Contains(scene.A.Events.Changes, c => c.Attempt.Error is { } e && e.StartsWith("Trying again in 1 s (1 of 6): Stalled: nothing moved for 120 s.", StringComparison.Ordinal));
        Assert.Equal([attempt.Snapshot!], scene.B.Kept(scene.ReplicaShare));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_run_that_gave_up_part_way_is_resumed_by_the_next_run_with_the_same_snapshot()
    {
        var scene = await ReplicationScene.StartAsync(maxRetries: 0);
        scene.A.Records.ChangeTask(1, t => t.Resumable = true);
        scene.A.Transport.Next(LinkFault.Cut(after: 30));

        var cut = (await scene.RunAsync())!;
        var spool = scene.B.Layout.SpoolDirectory(Appliance.Pool, scene.ReplicaShare);
        var uuid = scene.A.Snapshot(Share, cut.Snapshot!).Uuid;

        Assert.Equal((AttemptStatus.Failed, "The connection to nas2 broke after 30 bytes."), (cut.Status, cut.Error));
        Assert.Equal(30, scene.B.Spool.Held(spool, uuid).Length);
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));

        scene.Time.Advance(TimeSpan.FromHours(1));
        var resumed = (await scene.RunAsync())!;

        Assert.Equal((AttemptStatus.Succeeded, cut.Snapshot, 30L), (resumed.Status, resumed.Snapshot, resumed.ResumedFrom));
        Assert.Equal([cut.Snapshot!], scene.A.Kept(Share));
        Assert.Equal([cut.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.Empty(scene.B.Spool.Held(spool, uuid));
        Assert.Equal(30L, scene.B.Trail(TrailSide.Receive, scene.B.Replicas.List().Single().Id)[0].ResumedFrom);
    }

    [Fact(Timeout = 10_000)]
    public async Task Retention_keeps_the_newest_on_each_side_and_never_the_snapshot_both_sides_last_hold()
    {
        var scene = await ReplicationScene.StartAsync(keep: 2);
        var names = new List<string>();

        foreach (var attempt in await scene.RunHourlyAsync(2))
        {
            names.Add(attempt.Snapshot!);
        }

        Assert.Equal(names, scene.A.Kept(Share));
        Assert.Equal(names, scene.B.Kept(scene.ReplicaShare));

        // Run 3 is refused: nas1 holds a snapshot nas2 does not, and nothing is pruned.
        scene.A.Transport.Next(LinkFault.Refused("the pool is being balanced"));
        var refused = (await scene.RunHourlyAsync(1))[0];
        Assert.Equal((AttemptStatus.Failed, "nas2 refused: the pool is being balanced"), (refused.Status, refused.Error));
        Assert.Equal([names[0], names[1], refused.Snapshot!], scene.A.Kept(Share));
        Assert.Equal(names, scene.B.Kept(scene.ReplicaShare));

        // Run 4 builds on the newest both hold; each side keeps two, the one just sent among them.
        var fourth = (await scene.RunHourlyAsync(1))[0];
        Assert.Equal((AttemptStatus.Succeeded, names[1]), (fourth.Status, fourth.Parent));
        Assert.Equal([refused.Snapshot!, fourth.Snapshot!], scene.A.Kept(Share));
        Assert.Equal([names[1], fourth.Snapshot!], scene.B.Kept(scene.ReplicaShare));

        // Run 5 builds on what run 4 left in common.
        var fifth = (await scene.RunHourlyAsync(1))[0];
        Assert.Equal((AttemptStatus.Succeeded, fourth.Snapshot), (fifth.Status, fifth.Parent));
        Assert.Equal([fourth.Snapshot!, fifth.Snapshot!], scene.A.Kept(Share));
        Assert.Equal([fourth.Snapshot!, fifth.Snapshot!], scene.B.Kept(scene.ReplicaShare));
    }
}
