namespace Rockstor.Domain.Replication.Tasks;

/// <summary>Reads cron expressions of five fields, in UTC (a cron library's job).</summary>
public interface ICronCalendar
{
    /// <summary>Why the expression is not one (in the library's words), or null when it is.</summary>
    string? Problem(string expression);

    /// <summary>When the expression fires from <paramref name="from"/> (included) to <paramref name="to"/> (excluded).</summary>
    IEnumerable<DateTimeOffset> Occurrences(string expression, DateTimeOffset from, DateTimeOffset to);
}
