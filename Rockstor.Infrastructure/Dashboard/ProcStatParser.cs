using System.Globalization;
using Rockstor.Domain.Dashboard.Machine;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>Reads the processors' time counters from the first line of <c>/proc/stat</c> ("cpu  user nice system idle iowait irq softirq steal …").</summary>
internal static class ProcStatParser
{
    public static CpuTimes Parse(string stat)
    {
        var line = stat.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new FormatException("/proc/stat has no \"cpu\" line.");
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Take(8) // user nice system idle iowait irq softirq steal; guest time is already in user and nice
            .Select(v => long.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        if (ticks.Length < 4)
        {
            throw new FormatException($"/proc/stat's cpu line has too few fields: {line}");
        }

        var total = ticks.Sum();
        var idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0);
        return new CpuTimes(total - idle, total);
    }
}
