using Rockstor.Domain.Dashboard.Machine;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>The machine's counters from the kernel's files under <c>/proc</c> (and the disk names in <c>/sys/block</c>); starts no process, writes nothing.</summary>
internal sealed class ProcSystemCounters(TimeProvider time) : ISystemCounters
{
    public SystemCounters Read()
    {
        var wholeDisks = Directory.EnumerateFileSystemEntries("/sys/block").Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new SystemCounters(
            time.GetUtcNow(),
            ProcStatParser.Parse(File.ReadAllText("/proc/stat")),
            MeminfoParser.Parse(File.ReadAllText("/proc/meminfo")),
            NetDevParser.Parse(File.ReadAllText("/proc/net/dev")),
            DiskstatsParser.Parse(File.ReadAllText("/proc/diskstats"), wholeDisks),
            UptimeParser.Parse(File.ReadAllText("/proc/uptime")));
    }
}
