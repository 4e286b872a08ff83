using Rockstor.Domain.Common;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>
/// What a task's schedule means: "every N minutes" as the cron expression that keeps it (only minutes
/// that divide an hour, hours that divide a day, or a day, so runs stay evenly spaced across midnight),
/// or a cron expression of five fields (minute hour day-of-month month day-of-week, apart by spaces or
/// tabs) or a macro such as <c>@daily</c>, in UTC.
/// </summary>
public sealed class TaskSchedule(ICronCalendar calendar)
{
    private const int MinutesPerDay = 24 * 60;

    /// <summary>The cron expression the schedule runs on; a validation error for one that cannot be kept.</summary>
    public string CronOf(int? frequencyMinutes, string? cron)
    {
        if (frequencyMinutes is { } minutes)
        {
            return minutes switch
            {
                < 1 => throw new ValidationException("The frequency must be at least one minute."),
                < 60 when 60 % minutes == 0 => $"*/{minutes} * * * *",
                < 60 => throw new ValidationException($"Every {minutes} minutes does not divide an hour: use 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30, whole hours, or a cron expression."),
                < MinutesPerDay when minutes % 60 == 0 && 24 % (minutes / 60) == 0 => minutes == 60 ? "0 * * * *" : $"0 */{minutes / 60} * * *",
                MinutesPerDay => "0 0 * * *",
                _ => throw new ValidationException($"Every {minutes} minutes cannot be scheduled: use minutes that divide an hour, hours that divide a day (60, 120, 180, 240, 360, 480, 720), a day (1440), or a cron expression."),
            };
        }

        var expression = cron?.Trim() ?? "";
        var fields = expression.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        var problem = fields == 5 || expression.StartsWith('@') ? calendar.Problem(expression) : $"it has {fields} field{(fields == 1 ? "" : "s")}";
        return problem is null
            ? expression
            : throw new ValidationException($"'{Echo.Of(expression)}' is not a cron expression of five fields (minute hour day-of-month month day-of-week): {problem}");
    }

    /// <summary>
    /// The cron expression of a schedule that must have one of the two (every N minutes or a cron
    /// expression); <paramref name="what"/> names what runs on it ("the schedule", "the task").
    /// </summary>
    public string CronOfRequired(int? frequencyMinutes, string? cron, string what) =>
        frequencyMinutes is null && string.IsNullOrWhiteSpace(cron)
            ? throw new ValidationException($"Say how often {what} runs: every N minutes (frequencyMinutes) or a cron expression.")
            : CronOf(frequencyMinutes, cron);

    /// <summary>A validation error when the schedule never runs inside the window in the eight days from <paramref name="from"/>.</summary>
    public void RequireRunsInside(ReplicationWindow? window, int? frequencyMinutes, string? cron, DateTimeOffset from)
    {
        if (window is not null && !Occurrences(frequencyMinutes, cron, from, from.AddDays(8)).Any(window.Contains))
        {
            throw new ValidationException($"The schedule never runs inside the window {window}: choose a schedule or a window that meet.");
        }
    }

    /// <summary>When the schedule runs between two moments (to check it against a window, or how far apart its runs are).</summary>
    public IEnumerable<DateTimeOffset> Occurrences(int? frequencyMinutes, string? cron, DateTimeOffset from, DateTimeOffset to) =>
        calendar.Occurrences(CronOf(frequencyMinutes, cron), from, to);
}
