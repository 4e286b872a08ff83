namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>The processors' time counters since boot, in clock ticks: busy (all but idle and I/O wait) and in all.</summary>
public sealed record CpuTimes(long Busy, long Total)
{
    /// <summary>The share of the time between two readings that the processors were busy, 0 to 100.</summary>
    public static double PercentBusy(CpuTimes before, CpuTimes after)
    {
        var total = after.Total - before.Total;
        var busy = after.Busy - before.Busy;
        if (total <= 0 || busy < 0)
        {
            return 0;
        }

        return Math.Clamp(100.0 * busy / total, 0, 100);
    }
}
