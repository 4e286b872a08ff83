using Rockstor.Domain.Common;
using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Tests.Retention;

public sealed class RetentionRuleTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A snapshot every hour, as a schedule makes them, from <paramref name="from"/> for <paramref name="hours"/> hours.</summary>
    private static List<DateTimeOffset> Hourly(DateTimeOffset from, int hours) =>
        Enumerable.Range(0, hours).Select(h => from.AddHours(h)).ToList();

    private static List<DateTimeOffset> Kept(IReadOnlyList<DateTimeOffset> all, RetentionPolicy policy, Func<DateTimeOffset, bool>? mustStay = null)
    {
        var deleted = RetentionRule.ToDelete(all, t => t, policy, mustStay).ToHashSet();
        return all.Where(t => !deleted.Contains(t)).OrderByDescending(t => t).ToList();
    }

    private static DateTimeOffset At(int year, int month, int day, int hour = 23) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_years_of_hourly_snapshots_thin_to_exactly_what_each_rule_keeps()
    {
        var all = Hourly(Start, 2 * 366 * 24 - 24); // 2024 (leap) and 2025, to 2025-12-31 23:00

        var kept = Kept(all, new RetentionPolicy(Last: 24, Daily: 7, Weekly: 5, Monthly: 12, Yearly: 2));

        var expected = Enumerable.Range(0, 24).Select(h => At(2025, 12, 31, 23 - h)) // the last 24
            .Concat(Enumerable.Range(25, 6).Select(d => At(2025, 12, d))) // daily: Dec 25 to 30
            .Concat([At(2025, 12, 21), At(2025, 12, 14), At(2025, 12, 7)]) // weekly: ISO weeks 51, 50, 49 (52's newest, Dec 28, is a daily)
            .Concat([At(2025, 11, 30), At(2025, 10, 31), At(2025, 9, 30), At(2025, 8, 31), At(2025, 7, 31), At(2025, 6, 30)])
            .Concat([At(2025, 5, 31), At(2025, 4, 30), At(2025, 3, 31), At(2025, 2, 28), At(2025, 1, 31)]) // monthly: the month ends
            .Concat([At(2024, 12, 31)]) // yearly: 2024's last
            .OrderByDescending(t => t)
            .ToList();
        Assert.Equal(all[^1], At(2025, 12, 31));
        Assert.Equal(expected, kept);
        Assert.Equal(45, kept.Count);
    }

    [Fact]
    public void Snapshots_taken_in_the_same_second_count_as_newer_the_later_they_come()
    {
        // btrfs gives creation times to the second: three runs within one second, oldest first by name.
        var second = At(2026, 11, 30, 12);
        string[] names = ["run-1", "run-2", "run-3"];

        var deleted = RetentionRule.ToDelete(names, _ => second, RetentionPolicy.KeepLast(2));

        Assert.Equal(["run-1"], deleted);
    }

    [Fact]
    public void A_leap_year_s_february_is_kept_by_its_last_day()
    {
        var all = Hourly(Start, 366 * 24); // all of 2024

        var kept = Kept(all, new RetentionPolicy(Monthly: 12));

        Assert.Contains(At(2024, 2, 29), kept);
        Assert.Equal(12, kept.Count);
        Assert.All(kept, t => Assert.Equal(t.AddHours(1).Month, t.Month % 12 + 1)); // each is its month's last hour
    }

    [Fact]
    public void A_schedule_paused_for_weeks_loses_nothing_to_the_pause()
    {
        var january = Enumerable.Range(1, 10).Select(d => At(2025, 1, d, 12));
        var march = Enumerable.Range(1, 3).Select(d => At(2025, 3, d, 12));
        var all = january.Concat(march).ToList();

        var kept = Kept(all, new RetentionPolicy(Daily: 7));

        Assert.Equal([At(2025, 3, 3, 12), At(2025, 3, 2, 12), At(2025, 3, 1, 12), At(2025, 1, 10, 12), At(2025, 1, 9, 12), At(2025, 1, 8, 12), At(2025, 1, 7, 12)], kept);
    }

    [Fact]
    public void A_clock_that_jumped_back_and_the_order_snapshots_come_in_change_nothing_but_their_times()
    {
        var ten = At(2025, 6, 1, 10);
        var stampedBack = ten.AddMinutes(-30); // taken last, after the clock went back an hour
        var all = new List<DateTimeOffset> { ten, ten.AddHours(1), ten.AddHours(2), stampedBack };
        var shuffled = new List<DateTimeOffset> { stampedBack, ten.AddHours(2), ten, ten.AddHours(1) };

        var deleted = RetentionRule.ToDelete(all, t => t, RetentionPolicy.KeepLast(2));

        Assert.Equal([stampedBack, ten], deleted);
        Assert.Equal(deleted, RetentionRule.ToDelete(shuffled, t => t, RetentionPolicy.KeepLast(2)));
    }

    [Fact]
    public void Days_are_utc_days_whatever_offset_a_time_was_written_with()
    {
        var lateMay = new DateTimeOffset(2025, 6, 1, 1, 30, 0, TimeSpan.FromHours(2)); // 2025-05-31 23:30 UTC
        var earlyJune = new DateTimeOffset(2025, 6, 1, 3, 0, 0, TimeSpan.FromHours(2)); // 2025-06-01 01:00 UTC
        var all = new List<DateTimeOffset> { lateMay, earlyJune };

        Assert.Equal([earlyJune, lateMay], Kept(all, new RetentionPolicy(Daily: 2)));
        Assert.Equal([earlyJune], Kept(all, new RetentionPolicy(Daily: 1)));
    }

    [Fact]
    public void Snapshots_that_must_stay_are_kept_and_the_policy_counts_around_them()
    {
        var all = Enumerable.Range(0, 5).Select(h => At(2025, 6, 1, 10 + h)).ToList();
        var locked = new HashSet<DateTimeOffset> { all[4], all[3] }; // the two newest

        var kept = Kept(all, RetentionPolicy.KeepLast(2), locked.Contains);

        Assert.Equal([all[4], all[3], all[2], all[1]], kept);
    }

    [Fact]
    public void Over_many_random_histories_the_newest_stays_and_no_more_than_the_policy_s_counts_are_kept()
    {
        var random = new Random(2026);
        for (var round = 0; round < 500; round++)
        {
            var all = Enumerable.Range(0, random.Next(0, 400))
                .Select(_ => Start.AddMinutes(random.Next(0, 3 * 365 * 24 * 60)))
                .Distinct()
                .ToList();
            var policy = new RetentionPolicy(random.Next(0, 5), random.Next(0, 30), random.Next(0, 10), random.Next(0, 6), random.Next(0, 13), random.Next(0, 3));
            if (policy.MostKept == 0)
            {
                continue;
            }

            var deleted = RetentionRule.ToDelete(all, t => t, policy);
            var kept = all.Except(deleted).ToList();

            Assert.Equal(all.Count, kept.Count + deleted.Count);
            Assert.True(kept.Count <= policy.MostKept, $"round {round}: {kept.Count} kept by {policy}");
            if (all.Count > 0)
            {
                Assert.Contains(all.Max(), kept);
            }

            Assert.Equal(deleted.OrderBy(t => t), deleted); // oldest first
        }
    }

    [Theory]
    [InlineData(-1, 0, "The retention count 'last' must be between 0 and 10000; -1 is not.")]
    [InlineData(0, 10_001, "The retention count 'daily' must be between 0 and 10000; 10001 is not.")]
    [InlineData(0, 0, "A retention policy must keep something")]
    public void A_policy_with_a_count_out_of_range_or_that_keeps_nothing_is_refused(int last, int daily, string sentence)
    {
        var refused = Assert.Throws<ValidationException>(() => new RetentionPolicy(Last: last, Daily: daily).Validate());

        Assert.StartsWith(sentence, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_reads_as_its_counts()
    {
        Assert.Equal("3 last, 7 daily, 12 monthly", new RetentionPolicy(Last: 3, Daily: 7, Monthly: 12).Validate().ToString());
        Assert.Equal(22, new RetentionPolicy(Last: 3, Daily: 7, Monthly: 12).MostKept);
    }
}
