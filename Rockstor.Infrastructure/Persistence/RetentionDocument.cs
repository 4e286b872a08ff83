using Rockstor.Domain.Retention;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>A retention policy as stored (schedules, replication tasks, incoming replicas).</summary>
internal sealed class RetentionDocument
{
    public int Last { get; set; }

    public int Hourly { get; set; }

    public int Daily { get; set; }

    public int Weekly { get; set; }

    public int Monthly { get; set; }

    public int Yearly { get; set; }

    public static RetentionDocument? Of(RetentionPolicy? policy) => policy is null ? null : new()
    {
        Last = policy.Last,
        Hourly = policy.Hourly,
        Daily = policy.Daily,
        Weekly = policy.Weekly,
        Monthly = policy.Monthly,
        Yearly = policy.Yearly,
    };

    public RetentionPolicy ToPolicy() => new(Last, Hourly, Daily, Weekly, Monthly, Yearly);
}
