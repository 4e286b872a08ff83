using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>A calendar that takes every cron expression and never fires (schedules in these tests run when the test says).</summary>
public sealed class EveryCron : ICronCalendar
{
    public string? Problem(string expression) => null;

    public IEnumerable<DateTimeOffset> Occurrences(string expression, DateTimeOffset from, DateTimeOffset to) => [];
}
