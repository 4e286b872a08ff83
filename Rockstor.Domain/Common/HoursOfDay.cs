namespace Rockstor.Domain.Common;

/// <summary>
/// The rule of a window of hours in a day (a replication task's, automatic updates'): from its start, up to
/// and not including its end; a window whose end comes before its start runs past midnight into the next day.
/// </summary>
public static class HoursOfDay
{
    public static bool Contains(TimeOnly start, TimeOnly end, TimeOnly time) =>
        start <= end ? time >= start && time < end : time >= start || time < end;
}
