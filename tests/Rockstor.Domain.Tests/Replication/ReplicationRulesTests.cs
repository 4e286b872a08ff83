using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Replication;

public sealed class ReplicationRulesTests
{
    private sealed record Snap(string Name, string Uuid);

    [Fact]
    public void The_parent_is_the_newest_source_snapshot_the_destination_received_matched_by_uuid_not_name()
    {
        List<Snap> source = [new("s1", "u1"), new("s2", "u2"), new("s3", "u3")];

        var parent = ReplicationRules.ChooseParent(source, s => s.Uuid, new HashSet<string> { "u1", "u2", "x-other" });

        Assert.Equal("s2", parent?.Name);
    }

    [Fact]
    public void Without_a_common_snapshot_the_send_is_full()
    {
        List<Snap> source = [new("s1", "u1")];

        Assert.Null(ReplicationRules.ChooseParent(source, s => s.Uuid, new HashSet<string> { "s1" }));
    }

    [Fact]
    public void Snapshot_names_sort_by_time_and_carry_the_task()
    {
        var earlier = ReplicationNames.Snapshot(12, new DateTimeOffset(2026, 11, 24, 9, 59, 59, 999, TimeSpan.Zero));
        var later = ReplicationNames.Snapshot(12, new DateTimeOffset(2026, 11, 24, 10, 0, 0, 0, TimeSpan.FromHours(1)).AddHours(1));

        Assert.Equal("replication-12-20261124T095959999Z", earlier);
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(ReplicationNames.IsOfTask(earlier, 12));
        Assert.False(ReplicationNames.IsOfTask(earlier, 1));
        Assert.True(ResourceName.IsValid(earlier));
    }

    [Theory]
    [InlineData("0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b", "docs")]
    [InlineData("123e4567e89b12d3a456426614174000", "0media")]
    public void Replica_shares_are_named_after_the_sender_even_when_its_id_starts_with_a_digit(string sender, string share)
    {
        var name = ReplicationNames.ReplicaShare(sender, share);

        Assert.Equal($"{sender}_{share}", name);
        Assert.True(ResourceName.IsSafe(name));
    }

    [Fact]
    public void A_replica_share_name_too_long_for_btrfs_is_refused()
    {
        Assert.Throws<ValidationException>(() => ReplicationNames.ReplicaShare(new string('a', 200), new string('b', 64)));
    }

    [Theory]
    [InlineData(0, 1000, 0)]
    [InlineData(1000, 2000, 500)]
    [InlineData(5, 0, 5)]
    public void Rate_is_bytes_per_second(long bytes, int milliseconds, long rate) =>
        Assert.Equal(rate, ReplicationRules.Rate(bytes, TimeSpan.FromMilliseconds(milliseconds)));
}

public sealed class RetryTests
{
    [Fact]
    public void The_default_policy_waits_1_2_4_8_16_32_seconds()
    {
        var policy = RetryPolicy.Default;

        Assert.Equal([1, 2, 4, 8, 16, 32], Enumerable.Range(1, policy.MaxRetries).Select(r => policy.Delay(r).TotalSeconds));
    }

    [Fact]
    public void Waits_never_exceed_the_bound()
    {
        var policy = new RetryPolicy(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));

        Assert.Equal(60, policy.Delay(12).TotalSeconds);
    }

    [Theory]
    [InlineData(new[] { "u1", "u2" }, new[] { "u2" }, false)]   // a common snapshot: incremental
    [InlineData(new[] { "u1" }, new string[0], false)]          // nothing received yet: the first, full send
    [InlineData(new string[0], new string[0], false)]
    [InlineData(new[] { "u3" }, new[] { "u1", "u2" }, true)]    // the destination's snapshots are none of ours
    [InlineData(new string[0], new[] { "u1" }, true)]
    public void A_replica_has_diverged_when_it_holds_snapshots_and_none_is_one_the_task_still_has(string[] source, string[] received, bool diverged) =>
        Assert.Equal(diverged, ReplicationRules.HasDiverged(source, received.ToHashSet()));

    public static TheoryData<bool, double?, Attempt?, bool> Links => new()
    {
        { true, null, null, true },                                  // the task asks for it
        { false, null, null, false },                                // nothing known: a LAN until shown otherwise
        { false, 4.0, null, true },                                  // limited below 100 Mbit/s
        { false, 50.0, null, false },
        { false, null, Sent(64 << 20, 2_000_000), true },             // the last good transfer was slow
        { false, null, Sent(64 << 20, 90_000_000), false },
        { false, null, Sent(1 << 20, 100_000), false },               // too small to say anything of the link
    };

    [Theory]
    [MemberData(nameof(Links))]
    public void A_run_goes_resumably_when_asked_or_when_the_link_is_slow(bool asked, double? limitMBps, Attempt? lastBackup, bool resumable) =>
        Assert.Equal(resumable, ReplicationRules.UseResumable(asked, limitMBps, lastBackup));

    public static TheoryData<Exception, bool> Failures => new()
    {
        { new Rockstor.Domain.Appliances.PeerUnreachableException("no route"), true },
        { new IOException("connection reset"), true },
        { new TimeoutException("nothing arrived"), true },
        { new ReplicationRefusedException("a receive for this task is already in progress", transient: true), true },
        { new ReplicationRefusedException("Pool 'gone' does not exist"), false },
        { new Rockstor.Domain.Appliances.CertificateMismatchException("another certificate"), false },
        { new Rockstor.Domain.Common.StorageCommandException("Could not snapshot", "btrfs", "No space left"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_failures_that_may_go_away_by_themselves_are_tried_again(Exception failure, bool transient) =>
        Assert.Equal(transient, ReplicationRules.IsTransient(failure));

    private static Attempt Sent(long bytes, long bytesPerSecond) =>
        new() { OwnerId = 1, StartedAt = DateTimeOffset.UnixEpoch, Status = AttemptStatus.Succeeded, Bytes = bytes, BytesPerSecond = bytesPerSecond };
}
