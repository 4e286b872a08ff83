using System.Globalization;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>Reads the seconds since boot from <c>/proc/uptime</c> ("12345.67 23456.78").</summary>
internal static class UptimeParser
{
    public static double Parse(string uptime) =>
        double.Parse(uptime.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.Float, CultureInfo.InvariantCulture);
}
