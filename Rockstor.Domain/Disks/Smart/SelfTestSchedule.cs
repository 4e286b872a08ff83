using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Disks.Smart;

/// <summary>When every disk with SMART runs its self-tests (cron expressions, UTC); null for never.</summary>
public sealed record SelfTestSchedule(string? Short, string? Long)
{
    public static SelfTestSchedule None { get; } = new(null, null);

    public string? Of(SelfTestKind kind) => kind == SelfTestKind.Short ? Short : Long;

    /// <summary>The two schedules checked as cron expressions (null or empty: never), trimmed; a sentence that names the one that is not.</summary>
    public static SelfTestSchedule Checked(string? shortCron, string? longCron, TaskSchedule schedule) =>
        new(Check(shortCron, "short", schedule), Check(longCron, "long", schedule));

    private static string? Check(string? cron, string which, TaskSchedule schedule)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return null;
        }

        try
        {
            return schedule.CronOf(null, cron.Trim());
        }
        catch (ValidationException e)
        {
            throw new ValidationException($"The {which} self-test's schedule: {e.Message}");
        }
    }
}
