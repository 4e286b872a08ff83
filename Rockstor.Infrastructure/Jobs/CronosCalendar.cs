using Cronos;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Infrastructure.Jobs;

/// <summary>Cron expressions of five fields read by Cronos, in UTC.</summary>
public sealed class CronosCalendar : ICronCalendar
{
    public string? Problem(string expression)
    {
        try
        {
            CronExpression.Parse(expression, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return e.Message;
        }
    }

    public IEnumerable<DateTimeOffset> Occurrences(string expression, DateTimeOffset from, DateTimeOffset to) =>
        CronExpression.Parse(expression, CronFormat.Standard)
            .GetOccurrences(from.UtcDateTime, to.UtcDateTime, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: false)
            .Select(o => new DateTimeOffset(o, TimeSpan.Zero));
}
