using System.Globalization;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Updates;

/// <summary>
/// The hours (UTC) in which an automatic update may start, "02:00-05:00"; a window past midnight
/// ("23:00-01:00") runs into the next day.
/// </summary>
public sealed record UpdateWindow(TimeOnly Start, TimeOnly End)
{
    public static UpdateWindow Default { get; } = new(new TimeOnly(3, 0), new TimeOnly(5, 0));

    public bool Contains(TimeOnly time) => HoursOfDay.Contains(Start, End, time);

    public static UpdateWindow Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            && start != end)
        {
            return new UpdateWindow(start, end);
        }

        throw new ValidationException($"'{Echo.Of(text)}' is not a window of hours: write it as 02:00-05:00 (UTC, start and end differ).");
    }

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
