using Rockstor.Domain.Common;

namespace Rockstor.Domain.Tests.Common;

public sealed class HoursOfDayTests
{
    [Theory]
    [InlineData("02:00", "05:00", "02:00", true)]
    [InlineData("02:00", "05:00", "04:59", true)]
    [InlineData("02:00", "05:00", "05:00", false)]
    [InlineData("02:00", "05:00", "01:59", false)]
    [InlineData("23:00", "01:00", "23:30", true)]
    [InlineData("23:00", "01:00", "00:30", true)]
    [InlineData("23:00", "01:00", "01:00", false)]
    [InlineData("23:00", "01:00", "12:00", false)]
    public void A_window_holds_its_start_not_its_end_and_one_that_ends_before_it_starts_runs_past_midnight(string start, string end, string time, bool inside) =>
        Assert.Equal(inside, HoursOfDay.Contains(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
}
