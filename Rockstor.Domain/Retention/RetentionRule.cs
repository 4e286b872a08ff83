using System.Globalization;

namespace Rockstor.Domain.Retention;

/// <summary>
/// Thins a set of snapshots by a <see cref="RetentionPolicy"/>. Pure: it reads only the snapshots' times
/// (never the clock), so a clock that jumped back, or snapshots out of order, change nothing but the
/// order it reads them in. Snapshots that must stay and not be counted (locked ones) are kept: the policy
/// counts around them. Protection and the newest snapshot two sides share are the callers' to keep from
/// what this returns (ADR-024, ADR-025).
/// </summary>
public static class RetentionRule
{
    /// <summary>The items to delete, oldest first; everything else is kept.</summary>
    /// <param name="items">The snapshots one policy rules over (one share's, one schedule's); snapshots taken at the same time count as newer the later they come.</param>
    /// <param name="createdAt">When each was taken.</param>
    /// <param name="policy">What to keep.</param>
    /// <param name="mustStay">Items never deleted and not counted by the policy.</param>
    public static IReadOnlyList<T> ToDelete<T>(IEnumerable<T> items, Func<T, DateTimeOffset> createdAt, RetentionPolicy policy, Func<T, bool>? mustStay = null)
    {
        var all = items.ToList();
        var counted = all.Select((item, order) => (Item: item, Order: order))
            .Where(i => mustStay is null || !mustStay(i.Item))
            .OrderByDescending(i => createdAt(i.Item).UtcDateTime)
            .ThenByDescending(i => i.Order) // taken in the same second: the later in the list is the newer
            .Select(i => i.Item)
            .ToList();
        var kept = new HashSet<int>();
        for (var i = 0; i < Math.Min(policy.Last, counted.Count); i++)
        {
            kept.Add(i);
        }

        KeepNewestOfEachPeriod(counted, createdAt, policy.Hourly, t => t.ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture), kept);
        KeepNewestOfEachPeriod(counted, createdAt, policy.Daily, t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kept);
        KeepNewestOfEachPeriod(counted, createdAt, policy.Weekly, t => $"{ISOWeek.GetYear(t)}-W{ISOWeek.GetWeekOfYear(t)}", kept);
        KeepNewestOfEachPeriod(counted, createdAt, policy.Monthly, t => t.ToString("yyyy-MM", CultureInfo.InvariantCulture), kept);
        KeepNewestOfEachPeriod(counted, createdAt, policy.Yearly, t => t.Year.ToString(CultureInfo.InvariantCulture), kept);

        return counted.Where((_, index) => !kept.Contains(index))
            .OrderBy(i => createdAt(i).UtcDateTime)
            .ToList();
    }

    /// <summary>Walks newest first; the first snapshot of each new period is that period's, until <paramref name="periods"/> periods have one.</summary>
    private static void KeepNewestOfEachPeriod<T>(List<T> newestFirst, Func<T, DateTimeOffset> createdAt, int periods, Func<DateTime, string> period, HashSet<int> kept)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < newestFirst.Count && seen.Count < periods; i++)
        {
            if (seen.Add(period(createdAt(newestFirst[i]).UtcDateTime)))
            {
                kept.Add(i);
            }
        }
    }
}
