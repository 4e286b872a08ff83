using System.Globalization;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>
/// The hours of the day (UTC) when a task's scheduled runs may go, e.g. 22:00 to 06:00 (it may wrap
/// midnight). A run still going when the window closes is stopped.
/// </summary>
public sealed record ReplicationWindow(TimeOnly Start, TimeOnly End)
{
    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";

    public bool Contains(DateTimeOffset moment) => HoursOfDay.Contains(Start, End, TimeOnly.FromTimeSpan(moment.UtcDateTime.TimeOfDay));

    /// <summary>When the window that holds <paramref name="moment"/> closes (the moment must be inside it).</summary>
    public DateTimeOffset ClosesAfter(DateTimeOffset moment)
    {
        var utc = moment.ToUniversalTime();
        var close = new DateTimeOffset(utc.Date, TimeSpan.Zero) + End.ToTimeSpan();
        return close > utc ? close : close.AddDays(1);
    }

    /// <summary>
    /// The window of the two "HH:mm" times, null when neither is given; a validation error for one
    /// without the other, a time that is not one, or a window of no length.
    /// </summary>
    public static ReplicationWindow? Parse(string? start, string? end)
    {
        if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(start) || string.IsNullOrWhiteSpace(end))
        {
            throw new ValidationException("A replication window needs both its start and its end (HH:mm, UTC), or neither.");
        }

        var window = new ReplicationWindow(Time(start, "start"), Time(end, "end"));
        return window.Start == window.End
            ? throw new ValidationException("A replication window that starts when it ends has no room for a run; leave both empty to run at any hour.")
            : window;
    }

    private static TimeOnly Time(string text, string which) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ValidationException($"The window's {which} '{Echo.Of(text)}' is not a time of day as HH:mm (UTC), such as 22:00.");
}
