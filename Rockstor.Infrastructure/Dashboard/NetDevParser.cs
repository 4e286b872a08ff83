using System.Globalization;
using Rockstor.Domain.Dashboard.Machine;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>Reads each interface's received and sent bytes from <c>/proc/net/dev</c>, loopback left out.</summary>
internal static class NetDevParser
{
    public const string Loopback = "lo";

    public static IReadOnlyList<InterfaceCounters> Parse(string netDev)
    {
        var interfaces = new List<InterfaceCounters>();
        foreach (var line in netDev.Split('\n'))
        {
            // "  eth0: 750487400   56161 0 …": the name, then 8 receive columns, then 8 transmit columns.
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var columns = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name == Loopback || name.Length == 0 || columns.Length < 9)
            {
                continue;
            }

            interfaces.Add(new InterfaceCounters(
                name,
                long.Parse(columns[0], NumberStyles.None, CultureInfo.InvariantCulture),
                long.Parse(columns[8], NumberStyles.None, CultureInfo.InvariantCulture)));
        }

        return interfaces;
    }
}
