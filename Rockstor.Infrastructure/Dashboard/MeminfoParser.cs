using System.Globalization;
using Rockstor.Domain.Dashboard.Machine;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>Reads MemTotal and MemAvailable (in KiB) from <c>/proc/meminfo</c>.</summary>
internal static class MeminfoParser
{
    public static MemoryUsage Parse(string meminfo)
    {
        long? total = null, available = null;
        foreach (var line in meminfo.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0] is not ("MemTotal:" or "MemAvailable:"))
            {
                continue; // only the two lines it needs are read: a line a later kernel adds cannot break it
            }

            var bytes = long.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) * (parts.Length > 2 && parts[2] == "kB" ? 1024 : 1);
            switch (parts[0])
            {
                case "MemTotal:":
                    total = bytes;
                    break;
                case "MemAvailable:":
                    available = bytes;
                    break;
            }
        }

        return new MemoryUsage(
            total ?? throw new FormatException("/proc/meminfo has no MemTotal."),
            available ?? throw new FormatException("/proc/meminfo has no MemAvailable."));
    }
}
