using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Tests.Replication.Tasks;

public sealed class TaskScheduleTests
{
    private readonly TaskSchedule _schedule = new(new AnyCron());

    [Theory]
    [InlineData(1, "*/1 * * * *")]
    [InlineData(15, "*/15 * * * *")]
    [InlineData(60, "0 * * * *")]
    [InlineData(360, "0 */6 * * *")]
    [InlineData(1440, "0 0 * * *")]
    public void Every_n_minutes_or_hours_becomes_a_cron_expression(int minutes, string cron) =>
        Assert.Equal(cron, _schedule.CronOf(minutes, null));

    [Theory]
    [InlineData(0, "at least one minute")]
    [InlineData(7, "does not divide an hour")]
    [InlineData(300, "cannot be scheduled")]
    [InlineData(2880, "cannot be scheduled")]
    public void A_frequency_that_cannot_be_kept_is_refused_with_what_can(int minutes, string says) =>
        Assert.Contains(says, Assert.Throws<ValidationException>(() => _schedule.CronOf(minutes, null)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("", "it has 0 fields")]
    [InlineData("* * *", "it has 3 fields")]
    [InlineData("0 0 * * * *", "it has 6 fields")]
    public void A_cron_expression_needs_five_fields(string cron, string says) =>
        Assert.Contains(says, Assert.Throws<ValidationException>(() => _schedule.CronOf(null, cron)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("  30 2 * * 1 ", "30 2 * * 1")]
    [InlineData("30\t2 * * 1", "30\t2 * * 1")]
    [InlineData("@daily", "@daily")]
    public void A_cron_expression_or_macro_is_taken_trimmed_when_the_calendar_reads_it(string given, string taken) =>
        Assert.Equal(taken, _schedule.CronOf(null, given));

    [Fact]
    public void What_the_calendar_finds_wrong_is_said_to_the_admin() =>
        Assert.Contains("no such hour", Assert.Throws<ValidationException>(() => new TaskSchedule(new AnyCron("no such hour")).CronOf(null, "0 25 * * *")).Message, StringComparison.Ordinal);

    /// <summary>A calendar that reads every expression of five fields, or finds the same fault in all.</summary>
    private sealed class AnyCron(string? problem = null) : ICronCalendar
    {
        public string? Problem(string expression) => problem;

        public IEnumerable<DateTimeOffset> Occurrences(string expression, DateTimeOffset from, DateTimeOffset to) => [];
    }
}
