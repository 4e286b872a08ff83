using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Web.Api;

/// <summary>When the disks run their short and long self-tests: cron expressions (UTC), null for never.</summary>
public sealed record SelfTestScheduleDto(string? Short, string? Long)
{
    public static SelfTestScheduleDto From(SelfTestSchedule schedule) => new(schedule.Short, schedule.Long);
}
