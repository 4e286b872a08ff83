using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Receiving;

/// <summary>What nas2's receiver accepts, refuses, resumes, supersedes and keeps of what nas1 offers, decided in memory.</summary>
public sealed class ReplicaReceiverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact(Timeout = 10_000)]
    public async Task A_resumed_offer_goes_on_from_the_spool_when_the_stream_begins_with_what_it_holds()
    {
        var scene = await ReplicationScene.StartAsync();
        var snapshot = await scene.SnapshotAtAAsync();
        var stream = scene.StreamOf(snapshot);
        var spool = scene.B.Layout.SpoolDirectory(Appliance.Pool, scene.ReplicaShare);
        scene.B.Spool.Plant(spool, snapshot.Uuid, parentUuid: null, stream[..40]);

        var plan = await scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), ReplicationScene.Offer(snapshot, resumable: true), None);
        var applied = new ProgressRecorder<long>();
        var verdict = await scene.B.Receiver.ReceiveAsync(plan, new WireStream(stream, LinkFault.None, plan.Resume), applied, None);

        Assert.Equal(40, plan.Resume!.Length);
        Assert.Equal((true, null, 40L), (verdict.Ok, verdict.Error, verdict.ResumedFrom));
        Assert.Equal([snapshot.Name], scene.B.Kept(scene.ReplicaShare));
        Assert.Equal("docs v1", scene.ReplicaContent(snapshot.Name));
        Assert.Empty(scene.B.Spool.Held(spool, snapshot.Uuid));
        Assert.Equal(stream.Length, applied.Heard[^1]);
        var attempt = Assert.Single(scene.B.Trail(TrailSide.Receive, ReplicaId(scene)));
        Assert.Equal((AttemptStatus.Succeeded, 40L, stream.Length - 40L, (long)stream.Length), (attempt.Status, attempt.ResumedFrom, attempt.Bytes, attempt.StreamBytes));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_resumed_offer_whose_stream_does_not_begin_with_the_spool_is_refused_the_spool_dropped_and_the_next_try_starts_over()
    {
        var scene = await ReplicationScene.StartAsync();
        var snapshot = await scene.SnapshotAtAAsync();
        var stream = scene.StreamOf(snapshot);
        var spool = scene.B.Layout.SpoolDirectory(Appliance.Pool, scene.ReplicaShare);
        var other = stream[..40];
        other[^1] ^= 1;
        scene.B.Spool.Plant(spool, snapshot.Uuid, parentUuid: null, other);

        var plan = await scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), ReplicationScene.Offer(snapshot, resumable: true), None);
        var verdict = await scene.B.Receiver.ReceiveAsync(plan, new WireStream(stream, LinkFault.None, plan.Resume), new ProgressRecorder<long>(), None);

        Assert.Equal(40, plan.Resume!.Length);
        Assert.Equal((false, true, 40L), (verdict.Ok, verdict.Retry, verdict.ResumedFrom));
        Assert.StartsWith("The sender's stream does not begin with the 40 bytes kept here", verdict.Error, StringComparison.Ordinal);
        Assert.Null(scene.B.Spool.PartialUuid(spool));
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));
        Assert.Equal((AttemptStatus.Failed, verdict.Error), Assert.Single(scene.B.Trail(TrailSide.Receive, ReplicaId(scene))) is var a ? (a.Status, a.Error) : default);

        var again = await scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), ReplicationScene.Offer(snapshot, resumable: true), None);
        var whole = await scene.B.Receiver.ReceiveAsync(again, new WireStream(stream, LinkFault.None, again.Resume), new ProgressRecorder<long>(), None);

        Assert.Equal(0, again.Resume!.Length);
        Assert.Equal((true, 0L), (whole.Ok, whole.ResumedFrom));
        Assert.Equal([snapshot.Name], scene.B.Kept(scene.ReplicaShare));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_new_try_of_the_same_task_supersedes_the_receive_under_way_which_says_so_and_the_new_one_proceeds()
    {
        var scene = await ReplicationScene.StartAsync();
        var snapshot = await scene.SnapshotAtAAsync();
        var stream = scene.StreamOf(snapshot);
        var first = await scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), ReplicationScene.Offer(snapshot), None);
        var silent = scene.B.Receiver.ReceiveAsync(first, new WireStream(stream, LinkFault.Stall(after: 20)), new ProgressRecorder<long>(), None);
        Assert.False(silent.IsCompleted);

        var second = await scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), ReplicationScene.Offer(snapshot), None);
        var superseded = await silent;
        var verdict = await scene.B.Receiver.ReceiveAsync(second, new WireStream(stream, LinkFault.None), new ProgressRecorder<long>(), None);

        Assert.Equal((false, "Superseded: the sender gave up on this connection and tried again."), (superseded.Ok, superseded.Error));
        Assert.True(verdict.Ok);
        var trail = scene.B.Trail(TrailSide.Receive, ReplicaId(scene));
        Assert.Equal([AttemptStatus.Succeeded, AttemptStatus.Failed], trail.Select(a => a.Status));
        Assert.Equal(superseded.Error, trail[1].Error);
        Assert.Equal([snapshot.Name], scene.B.Kept(scene.ReplicaShare));
        Assert.Empty(scene.B.Refusals.All);
    }

    [Fact(Timeout = 10_000)]
    public async Task Another_task_s_offer_into_the_folder_being_received_into_is_refused_as_transient_and_recorded()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Records.AddTask(ReplicationScene.Share, scene.B.Id); // task 2: the same share, so the same replica on nas2
        var ofFirst = await scene.SnapshotAtAAsync(taskId: 1);
        var ofSecond = await scene.SnapshotAtAAsync(taskId: 2);
        using var stop = new CancellationTokenSource();
        var plan = await scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(taskId: 1), ReplicationScene.Offer(ofFirst), None);
        var receiving = scene.B.Receiver.ReceiveAsync(plan, new WireStream(scene.StreamOf(ofFirst), LinkFault.Stall(after: 20)), new ProgressRecorder<long>(), stop.Token);

        var refused = await Assert.ThrowsAsync<ReplicationRefusedException>(() =>
            scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(taskId: 2), ReplicationScene.Offer(ofSecond), None));

        const string Reason = "Another task's receive into this replica is under way; try again when it is done.";
        Assert.Equal((Reason, true), (refused.Message, refused.Transient));
        Assert.False(receiving.IsCompleted);
        var refusal = Assert.Single(scene.B.Refusals.All);
        Assert.Equal(("10.0.0.1", scene.A.Id, Reason), (refusal.From, refusal.SenderApplianceId, refusal.Reason));
        var second = Assert.Single(scene.B.Trail(TrailSide.Receive, ReplicaId(scene, taskId: 2)));
        Assert.Equal((AttemptStatus.Failed, Reason, ofSecond.Name), (second.Status, second.Error, second.Snapshot));

        await stop.CancelAsync();
        Assert.Equal((false, "The receive was stopped."), await receiving is var v ? (v.Ok, v.Error) : default);
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_stream_that_is_not_intact_is_refused_and_nothing_of_it_is_kept()
    {
        var scene = await ReplicationScene.StartAsync();
        var snapshot = await scene.SnapshotAtAAsync();

        var verdict = await scene.ReceiveAtBAsync(snapshot, fault: LinkFault.Garble());

        const string Reason = "The stream that arrived is not the one sent (its length or SHA-256 differs); nothing was kept.";
        Assert.Equal((false, true, Reason), (verdict.Ok, verdict.Retry, verdict.Error));
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));
        Assert.Empty(scene.B.Files.SubvolumesUnder(scene.B.Layout.PoolMountPoint(Appliance.Pool)));
        var attempt = Assert.Single(scene.B.Trail(TrailSide.Receive, ReplicaId(scene)));
        Assert.Equal((AttemptStatus.Failed, Reason), (attempt.Status, attempt.Error));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("docs", "nope", 5, "Pool 'nope' does not exist on the destination.")]
    [InlineData("../etc", "tank", 5, "The hello names no valid share to replicate.")]
    [InlineData("docs", "../tank", 5, "The hello names no valid pool to replicate into.")]
    [InlineData("docs", "tank", 0, "The hello asks to keep no snapshot at all.")]
    public async Task A_hello_the_destination_cannot_serve_is_refused_and_recorded_with_the_sender(string share, string pool, int keep, string reason)
    {
        var scene = await ReplicationScene.StartAsync();

        var refused = Assert.Throws<ReplicationRefusedException>(() => scene.B.Receiver.Hello(scene.SenderAtB, ReplicationScene.Hello(1, keep, pool, share)));

        Assert.Equal(reason, refused.Message);
        var refusal = Assert.Single(scene.B.Refusals.All);
        Assert.Equal(("10.0.0.1", scene.A.Id, reason), (refusal.From, refusal.SenderApplianceId, refusal.Reason));
        Assert.Empty(scene.B.Replicas.List());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_run_into_a_pool_the_destination_lacks_fails_at_once_with_its_reason_and_the_destination_records_who_asked()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Records.ChangeTask(1, t => t.TargetPool = "nope");

        var attempt = (await scene.RunAsync())!;

        Assert.Equal((AttemptStatus.Failed, "nas2 refused: Pool 'nope' does not exist on the destination.", 0), (attempt.Status, attempt.Error, attempt.Retries));
        Assert.Empty(scene.A.Kept(ReplicationScene.Share));
        var refusal = Assert.Single(scene.B.Refusals.All);
        Assert.Equal(("10.0.0.1", scene.A.Id, "Pool 'nope' does not exist on the destination."), (refusal.From, refusal.SenderApplianceId, refusal.Reason));
    }

    [Fact(Timeout = 10_000)]
    public async Task An_offer_with_an_unsafe_name_a_parent_not_held_or_a_name_already_there_is_refused_recorded_and_frees_the_folder()
    {
        var scene = await ReplicationScene.StartAsync();
        var first = await scene.SnapshotAtAAsync();
        Assert.True((await scene.ReceiveAtBAsync(first)).Ok);
        scene.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await scene.SnapshotAtAAsync();

        var reasons = new List<string>();
        foreach (var offer in new[]
        {
            new ReplicationOffer("../../etc/cron.d", second.Uuid, first.Uuid),
            new ReplicationOffer(second.Name, second.Uuid, Guid.NewGuid().ToString()),
            new ReplicationOffer(first.Name, Guid.NewGuid().ToString(), null),
        })
        {
            reasons.Add((await Assert.ThrowsAsync<ReplicationRefusedException>(() => scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), offer, None))).Message);
        }

        Assert.Equal(
            [
                "'../../etc/cron.d' cannot name a snapshot.",
                "The destination no longer holds the parent snapshot of this incremental send.",
                $"The replica already has a snapshot named '{first.Name}'.",
            ],
            reasons);
        Assert.Equal(reasons, scene.B.Refusals.All.Select(r => r.Reason));
        Assert.All(scene.B.Refusals.All, r => Assert.Equal(scene.A.Id, r.SenderApplianceId));
        var trail = scene.B.Trail(TrailSide.Receive, ReplicaId(scene));
        Assert.Equal(reasons.AsEnumerable().Reverse(), trail.Take(3).Select(a => a.Error));
        Assert.All(trail.Take(3), a => Assert.Equal(AttemptStatus.Failed, a.Status));

        Assert.True((await scene.ReceiveAtBAsync(second, parent: first)).Ok);
        Assert.Equal([first.Name, second.Name], scene.B.Kept(scene.ReplicaShare));
    }

    [Fact(Timeout = 10_000)]
    public async Task An_offer_cut_short_by_the_connection_dropping_frees_the_folder_and_says_so_in_the_trail()
    {
        var scene = await ReplicationScene.StartAsync();
        var snapshot = await scene.SnapshotAtAAsync();
        scene.B.Btrfs.Fail(nameof(scene.B.Btrfs.ReceivedAsAsync), new OperationCanceledException("The connection closed."));

        await Assert.ThrowsAsync<OperationCanceledException>(() => scene.B.Receiver.OfferAsync(scene.SenderAtB, ReplicationScene.Hello(), ReplicationScene.Offer(snapshot), None));

        // The same task's next offer is not taken for a receive still under way: the folder is free.
        Assert.True((await scene.ReceiveAtBAsync(snapshot)).Ok);
        Assert.Equal([snapshot.Name], scene.B.Kept(scene.ReplicaShare));
        var cut = scene.B.Trail(TrailSide.Receive, ReplicaId(scene))[^1];
        Assert.Equal((AttemptStatus.Failed, "The offer could not be taken: The connection closed."), (cut.Status, cut.Error));
        Assert.Empty(scene.B.Refusals.All);
    }

    [Fact(Timeout = 10_000)]
    public async Task Retention_at_the_destination_prunes_only_the_task_s_own_received_snapshots_and_never_the_newest()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Records.AddTask(ReplicationScene.Share, scene.B.Id);
        var ofOtherTask = await scene.SnapshotAtAAsync(taskId: 2);
        Assert.True((await scene.ReceiveAtBAsync(ofOtherTask, taskId: 2)).Ok);

        var chain = new List<Snapshots.Snapshot>();
        for (var i = 0; i < 3; i++)
        {
            scene.Time.Advance(TimeSpan.FromHours(1));
            chain.Add(await scene.SnapshotAtAAsync());
            Assert.True((await scene.ReceiveAtBAsync(chain[i], parent: i == 0 ? null : chain[i - 1], keep: 2)).Ok);
        }

        Assert.Equal([chain[1].Name, chain[2].Name, ofOtherTask.Name], scene.B.Kept(scene.ReplicaShare));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_first_incremental_builds_only_on_an_own_snapshot_already_sent_to_that_sender_copied_into_the_replica_as_received()
    {
        // "secret" is no share of a task to the sender, and the newest of "mine" has not been sent yet: neither is a base.
        var scene = await ReplicationScene.StartAsync();
        await scene.B.ShareAsync("mine", "mine v1");
        await scene.B.ShareAsync("secret", "secret v1");
        var toA = scene.B.Records.AddTask("mine", scene.A.Id);
        var sentToA = await scene.B.SnapshotService.CreateAsync("mine", ReplicationNames.Snapshot(toA.Id, scene.Time.GetUtcNow()), writable: false, None);
        scene.B.Trails.Save(TrailSide.Send, new Attempt { OwnerId = toA.Id, StartedAt = scene.Time.GetUtcNow(), EndedAt = scene.Time.GetUtcNow(), Status = AttemptStatus.Succeeded, Snapshot = sentToA.Name });
        var neverSent = await scene.B.SnapshotService.CreateAsync("secret", ReplicationNames.Snapshot(toA.Id, scene.Time.GetUtcNow()), writable: false, None);
        scene.Time.Advance(TimeSpan.FromMinutes(1));
        var notYetSent = await scene.B.SnapshotService.CreateAsync("mine", ReplicationNames.Snapshot(toA.Id, scene.Time.GetUtcNow()), writable: false, None);
        var snapshot = await scene.SnapshotAtAAsync();
        var hello = ReplicationScene.Hello() with { BaseUuids = [neverSent.Uuid, sentToA.Uuid, notYetSent.Uuid, Guid.NewGuid().ToString()] };

        var welcome = scene.B.ReplicaReceiver.Hello(scene.SenderAtB, hello);

        Assert.Equal([sentToA.Uuid], welcome.Bases);
        var refused = await Assert.ThrowsAsync<ReplicationRefusedException>(() =>
            scene.B.ReplicaReceiver.OfferAsync(scene.SenderAtB, hello, new ReplicationOffer(snapshot.Name, snapshot.Uuid, neverSent.Uuid, false), None));
        Assert.Equal("The destination no longer holds the parent snapshot of this incremental send.", refused.Message);
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));

        var plan = await scene.B.ReplicaReceiver.OfferAsync(scene.SenderAtB, hello, new ReplicationOffer(snapshot.Name, snapshot.Uuid, sentToA.Uuid, false), None);
        scene.B.ReplicaReceiver.Abandon(plan, "the test ends here");

        Assert.Equal(sentToA.Uuid, plan.Parent!.ReceivedUuid);
        Assert.Equal(scene.ReplicaShare, plan.Parent.Share);
        Assert.Equal("mine v1", scene.B.Btrfs.Content(plan.Parent.Path));
        Assert.StartsWith("Built on this appliance's own snapshot mine/replication-", scene.B.Trail(TrailSide.Receive, ReplicaId(scene)).Single(a => a.Note is not null).Note, StringComparison.Ordinal);
    }

    private static int ReplicaId(ReplicationScene scene, int taskId = 1) => scene.B.Replicas.Find(scene.A.Id, taskId)!.Id;
}
