using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Tests.Replication.Tasks;

public sealed class ReplicationWindowTests
{
    private static DateTimeOffset At(string time) => DateTimeOffset.Parse($"2026-11-24T{time}:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("09:00", "17:00", "09:00", true)]
    [InlineData("09:00", "17:00", "16:59", true)]
    [InlineData("09:00", "17:00", "17:00", false)]
    [InlineData("09:00", "17:00", "08:59", false)]
    [InlineData("22:00", "06:00", "23:30", true)]
    [InlineData("22:00", "06:00", "02:00", true)]
    [InlineData("22:00", "06:00", "06:00", false)]
    [InlineData("22:00", "06:00", "12:00", false)]
    public void A_window_holds_its_start_not_its_end_and_may_wrap_midnight(string start, string end, string now, bool inside) =>
        Assert.Equal(inside, ReplicationWindow.Parse(start, end)!.Contains(At(now)));

    [Theory]
    [InlineData("09:00", "17:00", "10:00", "2026-11-24T17:00:00Z")]
    [InlineData("22:00", "06:00", "23:00", "2026-11-25T06:00:00Z")]
    [InlineData("22:00", "06:00", "01:00", "2026-11-24T06:00:00Z")]
    public void A_run_inside_the_window_is_stopped_when_it_closes(string start, string end, string now, string closes) =>
        Assert.Equal(DateTimeOffset.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), ReplicationWindow.Parse(start, end)!.ClosesAfter(At(now)));

    [Theory]
    [InlineData("22:00", null, "both its start and its end")]
    [InlineData("", "06:00", "both its start and its end")]
    [InlineData("25:00", "06:00", "'25:00' is not a time of day")]
    [InlineData("22:00", "6pm", "'6pm' is not a time of day")]
    [InlineData("22:00", "22:00", "has no room for a run")]
    public void A_window_that_cannot_be_is_refused_with_the_reason(string? start, string? end, string reason)
    {
        var error = Assert.Throws<ValidationException>(() => ReplicationWindow.Parse(start, end));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_window_is_any_hour_and_a_window_reads_as_it_was_given()
    {
        Assert.Null(ReplicationWindow.Parse(null, " "));
        Assert.Equal("22:00-06:00 UTC", ReplicationWindow.Parse("22:00", "6:00")!.ToString());
    }
}
