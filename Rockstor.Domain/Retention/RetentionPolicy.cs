using Rockstor.Domain.Common;

namespace Rockstor.Domain.Retention;

/// <summary>
/// Which snapshots to keep, grandfather-father-son: the newest <see cref="Last"/>, and the newest of each
/// of the last N hours, days, weeks, months and years that have one. A snapshot kept by any rule stays.
/// Periods are calendar periods in UTC (ISO weeks, Monday first), counted over the periods that hold a
/// snapshot, so a schedule that was paused for weeks loses nothing to the pause.
/// </summary>
public sealed record RetentionPolicy(int Last = 0, int Hourly = 0, int Daily = 0, int Weekly = 0, int Monthly = 0, int Yearly = 0)
{
    public const int MaxCount = 10_000;

    /// <summary>The policy a plain "keep N" means.</summary>
    public static RetentionPolicy KeepLast(int count) => new(Last: count);

    /// <summary>How many snapshots the policy keeps at most (each rule's count added up).</summary>
    public int MostKept => Last + Hourly + Daily + Weekly + Monthly + Yearly;

    /// <summary>
    /// Whether this policy keeps everything <paramref name="other"/> keeps, whatever the snapshots: each of
    /// its counts is at least as large (each rule then keeps a superset of the same periods).
    /// </summary>
    public bool KeepsAtLeast(RetentionPolicy other) =>
        Last >= other.Last && Hourly >= other.Hourly && Daily >= other.Daily && Weekly >= other.Weekly && Monthly >= other.Monthly && Yearly >= other.Yearly;

    /// <summary>The policy, or a refusal that says which count is wrong; a policy that keeps nothing is refused.</summary>
    public RetentionPolicy Validate()
    {
        foreach (var (name, count) in new[] { ("last", Last), ("hourly", Hourly), ("daily", Daily), ("weekly", Weekly), ("monthly", Monthly), ("yearly", Yearly) })
        {
            if (count is < 0 or > MaxCount)
            {
                throw new ValidationException($"The retention count '{name}' must be between 0 and {MaxCount}; {count} is not.");
            }
        }

        return MostKept > 0
            ? this
            : throw new ValidationException("A retention policy must keep something: give at least one count (last, hourly, daily, weekly, monthly or yearly).");
    }

    public override string ToString()
    {
        var parts = new[] { (Last, "last"), (Hourly, "hourly"), (Daily, "daily"), (Weekly, "weekly"), (Monthly, "monthly"), (Yearly, "yearly") }
            .Where(p => p.Item1 > 0)
            .Select(p => $"{p.Item1} {p.Item2}");
        return string.Join(", ", parts);
    }
}
