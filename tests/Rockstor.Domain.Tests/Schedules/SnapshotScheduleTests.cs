using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Schedules;

public sealed class SnapshotScheduleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Noon, 24 November 2026 (UTC).</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(Appliance Nas, SceneClock Time)> StartAsync(params string[] shares)
    {
        var time = new SceneClock(Start);
        var nas = await Appliance.StartAsync("a1", "nas1", "10.0.0.1", time, RetryPolicy.Default);
        foreach (var share in shares)
        {
            await nas.ShareAsync(share, $"{share} v1");
        }

        return (nas, time);
    }

    private static SnapshotScheduleRequest Every(int minutes, string prefix, RetentionPolicy retention, params string[] shares) =>
        new(shares, minutes, null, prefix, Writable: null, retention, Enabled: null);

    /// <summary>Runs the schedule <paramref name="runs"/> times, <paramref name="apart"/> apart (the clock moves on after each).</summary>
    private static async Task RunAsync(Appliance nas, SceneClock time, int scheduleId, int runs, TimeSpan apart)
    {
        for (var i = 0; i < runs; i++)
        {
            Assert.NotNull(await nas.ScheduleRunner.RunAsync(scheduleId, requested: false, None));
            time.Advance(apart);
        }
    }

    [Fact]
    public async Task A_run_takes_a_snapshot_of_each_share_named_by_the_prefix_and_the_utc_time()
    {
        var (nas, _) = await StartAsync("docs", "photos");
        var schedule = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 5), "docs", "photos"));

        var taken = await nas.ScheduleRunner.RunAsync(schedule.Id, requested: false, None);

        Assert.Equal([("docs", "hourly_20261124-120000"), ("photos", "hourly_20261124-120000")], taken!.Select(s => (s.Share, s.Name)));
        Assert.All(taken!, s => Assert.Equal((schedule.Id, true), (s.ScheduleId, s.ReadOnly)));
        Assert.Equal("docs v1", nas.Btrfs.Content(nas.Snapshot("docs", "hourly_20261124-120000").Path));
        Assert.Contains(schedule.Id, nas.ScheduleRecords.Scheduled);
        var recorded = nas.Schedules.Require(schedule.Id);
        Assert.Equal((Start, (string?)null), (recorded.LastRunAt, recorded.LastError));
    }

    [Fact]
    public async Task A_writable_schedule_takes_writable_snapshots()
    {
        var (nas, _) = await StartAsync("docs");
        var schedule = nas.Schedules.Create(Every(60, "scratch", new RetentionPolicy(Last: 1), "docs") with { Writable = true });

        var taken = await nas.ScheduleRunner.RunAsync(schedule.Id, requested: false, None);

        Assert.False(Assert.Single(taken!).ReadOnly);
    }

    [Fact]
    public async Task Two_schedules_on_one_share_thin_only_their_own_and_never_touch_manual_or_replication_snapshots()
    {
        var (nas, time) = await StartAsync("docs");
        await nas.SnapshotService.CreateAsync("docs", "before-upgrade", writable: false, None);
        var replication = ReplicationNames.Snapshot(1, time.GetUtcNow());
        await nas.SnapshotService.CreateAsync("docs", replication, writable: false, None);
        var often = nas.Schedules.Create(Every(15, "often", new RetentionPolicy(Last: 2), "docs"));
        var hourly = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 3), "docs"));

        for (var hour = 0; hour < 4; hour++)
        {
            await RunAsync(nas, time, often.Id, 4, TimeSpan.FromMinutes(15)); // the clock ends on the next hour
            await nas.ScheduleRunner.RunAsync(hourly.Id, requested: false, None);
        }

        string[] expected =
        [
            "before-upgrade", "hourly_20261124-140000", "hourly_20261124-150000", "hourly_20261124-160000",
            "often_20261124-153000", "often_20261124-154500", replication,
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), nas.Kept("docs"));
    }

    [Fact]
    public async Task Over_fifteen_simulated_days_an_hourly_schedule_keeps_exactly_what_its_policy_says()
    {
        var (nas, time) = await StartAsync("docs");
        var schedule = nas.Schedules.Create(Every(60, "auto", new RetentionPolicy(Last: 3, Daily: 7), "docs"));

        await RunAsync(nas, time, schedule.Id, 15 * 24, TimeSpan.FromHours(1)); // the last run is on 9 December at 11:00

        Assert.Equal(
            ["auto_20261203-230000", "auto_20261204-230000", "auto_20261205-230000", "auto_20261206-230000", "auto_20261207-230000",
             "auto_20261208-230000", "auto_20261209-090000", "auto_20261209-100000", "auto_20261209-110000"],
            nas.Kept("docs"));
    }

    [Fact]
    public async Task A_locked_snapshot_stays_and_the_policy_counts_around_it()
    {
        var (nas, time) = await StartAsync("docs");
        var schedule = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 2), "docs"));
        await RunAsync(nas, time, schedule.Id, 1, TimeSpan.FromHours(1));
        await nas.SnapshotService.LockAsync("docs", "hourly_20261124-120000", None);

        await RunAsync(nas, time, schedule.Id, 4, TimeSpan.FromHours(1));

        Assert.Equal(["hourly_20261124-120000", "hourly_20261124-150000", "hourly_20261124-160000"], nas.Kept("docs"));
    }

    [Fact]
    public async Task A_share_that_cannot_be_snapshotted_is_not_thinned_and_the_run_says_why()
    {
        var (nas, time) = await StartAsync("docs", "photos");
        var schedule = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 1), "docs", "photos"));
        await RunAsync(nas, time, schedule.Id, 1, TimeSpan.FromHours(1));
        nas.Btrfs.Fail(nameof(nas.Btrfs.CreateSnapshotAsync), new StorageCommandException("Could not snapshot docs", "btrfs subvolume snapshot", "No space left on device"));

        var taken = await nas.ScheduleRunner.RunAsync(schedule.Id, requested: false, None);

        Assert.Equal(["photos"], taken!.Select(s => s.Share));
        Assert.Equal(["hourly_20261124-120000"], nas.Kept("docs"));
        Assert.Equal(["hourly_20261124-130000"], nas.Kept("photos"));
        Assert.StartsWith("docs: ", nas.Schedules.Require(schedule.Id).LastError, StringComparison.Ordinal);
        Assert.Contains("No space left on device", nas.Schedules.Require(schedule.Id).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_schedule_runs_only_when_asked_to()
    {
        var (nas, _) = await StartAsync("docs");
        var schedule = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 2), "docs") with { Enabled = false });

        Assert.Null(await nas.ScheduleRunner.RunAsync(schedule.Id, requested: false, None));
        Assert.Single((await nas.ScheduleRunner.RunAsync(schedule.Id, requested: true, None))!);
        Assert.DoesNotContain(schedule.Id, nas.ScheduleRecords.Scheduled);
    }

    [Fact]
    public async Task Deleting_a_share_takes_it_out_of_its_schedules_and_pauses_a_schedule_left_with_none()
    {
        var (nas, _) = await StartAsync("docs", "photos");
        var both = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 2), "docs", "photos"));
        var docsOnly = nas.Schedules.Create(Every(1440, "daily", new RetentionPolicy(Daily: 7), "docs"));

        await nas.Shares.DeleteAsync("docs", deleteSnapshots: true, None);

        Assert.Equal(["photos"], nas.Schedules.Require(both.Id).Shares);
        Assert.Empty(nas.Schedules.Require(docsOnly.Id).Shares);
        Assert.False(nas.Schedules.Require(docsOnly.Id).Enabled);
        Assert.DoesNotContain(docsOnly.Id, nas.ScheduleRecords.Scheduled);
        Assert.Contains(both.Id, nas.ScheduleRecords.Scheduled);
    }

    [Fact]
    public async Task Deleting_a_schedule_leaves_its_snapshots_as_the_shares_own()
    {
        var (nas, _) = await StartAsync("docs");
        var schedule = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 2), "docs"));
        await nas.ScheduleRunner.RunAsync(schedule.Id, requested: false, None);

        nas.Schedules.Delete(schedule.Id);

        Assert.Equal(["hourly_20261124-120000"], nas.Kept("docs"));
        Assert.DoesNotContain(schedule.Id, nas.ScheduleRecords.Scheduled);
        Assert.Throws<NotFoundException>(() => nas.Schedules.Require(schedule.Id));
    }

    [Theory]
    [InlineData(null, "hourly", "Choose at least one share")]
    [InlineData("nosuch", "hourly", "There is no share named 'nosuch'.")]
    [InlineData("docs", "replication-1", "may not start with 'replication-'")]
    [InlineData("docs", "../up", "is not a valid snapshot prefix name")]
    [InlineData("docs", "a-prefix-that-is-far-too-long-to-leave-room-for-the-time", "at most 44 characters")]
    public async Task A_schedule_the_appliance_cannot_keep_is_refused_with_a_sentence(string? share, string prefix, string expected)
    {
        var (nas, _) = await StartAsync("docs");

        var refused = Assert.Throws<ValidationException>(() =>
            nas.Schedules.Create(Every(60, prefix, new RetentionPolicy(Last: 2), share is null ? [] : [share])));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Schedules.List());
    }

    [Fact]
    public async Task A_schedule_needs_a_frequency_that_can_be_kept_and_a_policy_that_keeps_something()
    {
        var (nas, _) = await StartAsync("docs");

        var noPolicy = Assert.Throws<ValidationException>(() => nas.Schedules.Create(new(["docs"], 60, null, "hourly", null, null, null)));
        var keepsNothing = Assert.Throws<ValidationException>(() => nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(), "docs")));
        var oddMinutes = Assert.Throws<ValidationException>(() => nas.Schedules.Create(Every(7, "hourly", new RetentionPolicy(Last: 2), "docs")));
        var noTimes = Assert.Throws<ValidationException>(() => nas.Schedules.Create(new(["docs"], null, null, "hourly", null, new RetentionPolicy(Last: 2), null)));

        Assert.StartsWith("Give a retention policy", noPolicy.Message, StringComparison.Ordinal);
        Assert.StartsWith("A retention policy must keep something", keepsNothing.Message, StringComparison.Ordinal);
        Assert.Contains("does not divide an hour", oddMinutes.Message, StringComparison.Ordinal);
        Assert.StartsWith("Say how often the schedule runs", noTimes.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_cannot_be_given_a_schedule_and_two_schedules_may_not_share_a_prefix_on_one_share()
    {
        var scene = await ReplicationScene.StartAsync();
        await scene.RunAsync();
        scene.A.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 2), ReplicationScene.Share));

        var replica = Assert.Throws<ValidationException>(() => scene.B.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 2), scene.ReplicaShare)));
        var clash = Assert.Throws<ConflictException>(() => scene.A.Schedules.Create(Every(15, "Hourly", new RetentionPolicy(Last: 2), ReplicationScene.Share)));

        Assert.Contains("is a replica", replica.Message, StringComparison.Ordinal);
        Assert.Equal("Schedule 1 already names its snapshots of 'docs' 'hourly_…': choose another prefix.", clash.Message);
    }

    [Fact]
    public async Task A_change_keeps_what_it_does_not_name_and_a_new_policy_applies_from_the_next_run()
    {
        var (nas, time) = await StartAsync("docs");
        var schedule = nas.Schedules.Create(Every(60, "hourly", new RetentionPolicy(Last: 5), "docs"));
        await RunAsync(nas, time, schedule.Id, 5, TimeSpan.FromHours(1));

        var changed = nas.Schedules.Update(schedule.Id, new(null, null, null, null, null, new RetentionPolicy(Last: 2), null));
        await RunAsync(nas, time, schedule.Id, 1, TimeSpan.FromHours(1));

        Assert.Equal((60, "hourly", true, new RetentionPolicy(Last: 2)), (changed.FrequencyMinutes, changed.Prefix, changed.Enabled, changed.Retention));
        Assert.Equal(["hourly_20261124-160000", "hourly_20261124-170000"], nas.Kept("docs"));
    }
}
