using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Sending;

/// <summary>When a run starts, when it does not, and how it is stopped: the service switch, the task's window, a run still going.</summary>
public sealed class RunStartAndStopTests
{
    private const string Share = ReplicationScene.Share;

    [Fact(Timeout = 10_000)]
    public async Task With_the_replication_service_off_a_run_does_nothing_and_records_nothing()
    {
        var scene = await ReplicationScene.StartAsync(serviceOn: false);

        Assert.Null(await scene.RunAsync());

        Assert.Empty(scene.A.Trail(TrailSide.Send, 1));
        Assert.Empty(scene.A.Kept(Share));
        Assert.Equal(0, scene.A.Transport.Connections);
        Assert.Empty(scene.A.Events.RunsEnded);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_scheduled_run_outside_the_task_s_window_does_not_start_and_one_asked_for_does()
    {
        var scene = await ReplicationScene.StartAsync(); // at noon
        scene.A.Records.ChangeTask(1, t => t.Window = ReplicationWindow.Parse("22:00", "06:00"));

        var scheduled = await scene.RunAsync(requested: false);

        Assert.Null(scheduled);
        Assert.Empty(scene.A.Trail(TrailSide.Send, 1));
        Assert.Empty(scene.A.Kept(Share));
        Assert.Equal(0, scene.A.Transport.Connections);

        var asked = (await scene.RunAsync(requested: true))!;

        Assert.Equal(AttemptStatus.Succeeded, asked.Status);
        Assert.Equal([asked.Snapshot!], scene.B.Kept(scene.ReplicaShare));
        Assert.False(scene.A.Events.RunsEnded.Single().StoppedOnPurpose);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(false, "The task's window (11:00-12:01 UTC) closed; the next run in it sends again.", "")]
    [InlineData(true, "The task's window (11:00-12:01 UTC) closed; the next run in it goes on from where this one stopped.", " What arrived is kept; the next try goes on from there.")]
    public async Task A_run_still_going_when_its_window_closes_is_stopped_on_purpose_and_says_so(bool resumable, string error, string kept)
    {
        var scene = await ReplicationScene.StartAsync(); // at noon, the window closing a minute later
        scene.A.Records.ChangeTask(1, t => (t.Window, t.Resumable) = (ReplicationWindow.Parse("11:00", "12:01"), resumable));
        scene.A.Transport.Next(LinkFault.Stall(after: 20));

        var run = scene.RunAsync(requested: false);
        Assert.False(run.IsCompleted);
        scene.Time.Advance(TimeSpan.FromSeconds(61));
        var attempt = (await run)!;

        Assert.Equal((AttemptStatus.Failed, error), (attempt.Status, attempt.Error));
        var end = scene.A.Events.RunsEnded.Single();
        Assert.True(end.StoppedOnPurpose);
        Assert.Equal(attempt.Error, end.Attempt.Error);
        var received = scene.B.Trail(TrailSide.Receive, scene.B.Replicas.List().Single().Id).Single();
        Assert.Equal((AttemptStatus.Failed, "The stream was cut: The sender closed the connection in the middle of the stream." + kept), (received.Status, received.Error));
        Assert.Equal([attempt.Snapshot!], scene.A.Kept(Share));
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));
        var spool = scene.B.Layout.SpoolDirectory(Appliance.Pool, scene.ReplicaShare);
        Assert.Equal(resumable ? 20 : 0, scene.B.Spool.Held(spool, scene.A.Snapshot(Share, attempt.Snapshot!).Uuid).Length);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_run_of_a_task_whose_previous_run_is_still_going_is_recorded_as_skipped()
    {
        var scene = await ReplicationScene.StartAsync();
        scene.A.Transport.Next(LinkFault.Stall(after: 20));
        using var shutdown = new CancellationTokenSource();
        var first = scene.RunAsync(ct: shutdown.Token);

        var second = (await scene.RunAsync())!;

        Assert.False(first.IsCompleted);
        Assert.Equal((AttemptStatus.Skipped, "The previous run of this task was still going."), (second.Status, second.Error));
        Assert.Equal([AttemptStatus.Skipped, AttemptStatus.Running], scene.A.Trail(TrailSide.Send, 1).Select(a => a.Status));
        Assert.Empty(scene.A.Events.RunsEnded);

        await shutdown.CancelAsync();
        var stopped = (await first)!;

        Assert.Equal((AttemptStatus.Failed, "The run was stopped (the appliance is shutting down)."), (stopped.Status, stopped.Error));
        Assert.True(scene.A.Events.RunsEnded.Single().StoppedOnPurpose);
        Assert.Single(scene.A.Kept(Share));
        Assert.Empty(scene.B.Kept(scene.ReplicaShare));
    }
}
