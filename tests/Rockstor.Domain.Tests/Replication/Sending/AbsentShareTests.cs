using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Sending;

/// <summary>A task that came back with a configuration import before its pool did (ADR-039): nas1 replicating "docs" to nas2, in memory.</summary>
public sealed class AbsentShareTests
{
    private const string Share = ReplicationScene.Share;

    [Fact(Timeout = 10_000)]
    public async Task A_task_whose_share_is_not_on_the_appliance_is_skipped_not_judged_diverged_and_builds_on_its_snapshot_once_the_share_is_back()
    {
        var scene = await ReplicationScene.StartAsync();
        var first = (await scene.RunHourlyAsync(1))[0].Snapshot!;
        IShareRepository shares = scene.A.Records;
        var share = shares.Find(Share)!;
        shares.Remove(Share); // the store knows the task, not yet the share: its pool is not imported
        scene.A.Awaited.Await(share);

        var waiting = (await scene.RunAsync())!;

        Assert.Equal(AttemptStatus.Skipped, waiting.Status);
        Assert.Contains("import its pool on the Pools screen", waiting.Error, StringComparison.Ordinal);
        Assert.False(scene.A.Tasks.Find(1)!.Diverged);

        shares.Add(share); // the pool import brings it back
        scene.A.Awaited.Forget(Share);
        scene.Time.Advance(TimeSpan.FromHours(1));
        var next = (await scene.RunAsync())!;

        Assert.Equal((AttemptStatus.Succeeded, first), (next.Status, next.Parent));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_task_whose_share_was_deleted_and_is_not_awaited_fails_and_ends_its_run_so_the_admin_is_told()
    {
        var scene = await ReplicationScene.StartAsync();
        await scene.RunHourlyAsync(1);
        IShareRepository shares = scene.A.Records;
        shares.Remove(Share); // deleted on purpose (a share or pool deletion, or the reconciler): no import awaits it
        var endedBefore = scene.A.Events.RunsEnded.Count;

        var run = (await scene.RunAsync())!;

        Assert.Equal(AttemptStatus.Failed, run.Status);
        Assert.Equal(endedBefore + 1, scene.A.Events.RunsEnded.Count);
        Assert.Equal(run.Id, scene.A.Events.RunsEnded[^1].Attempt.Id);
    }
}
