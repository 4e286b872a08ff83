namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>The machine's load between two readings of its counters, with its memory and uptime at the second.</summary>
public sealed record SystemLoad(
    DateTimeOffset At,
    double CpuPercent,
    MemoryUsage Memory,
    IReadOnlyList<NetworkRate> Network,
    IReadOnlyList<DiskRate> Disks,
    double UptimeSeconds)
{
    /// <summary>
    /// The rates between <paramref name="before"/> and <paramref name="after"/>. An interface or disk
    /// missing from the first reading has no rate yet; a counter that went back (a device re-made) counts as 0.
    /// </summary>
    public static SystemLoad Between(SystemCounters before, SystemCounters after)
    {
        var seconds = (after.At - before.At).TotalSeconds;
        var interfaces = before.Interfaces.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var disks = before.Disks.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var network = after.Interfaces
            .Where(i => interfaces.ContainsKey(i.Name))
            .Select(i => new NetworkRate(
                i.Name,
                PerSecond(interfaces[i.Name].ReceivedBytes, i.ReceivedBytes, seconds),
                PerSecond(interfaces[i.Name].SentBytes, i.SentBytes, seconds)))
            .ToList();
        var io = after.Disks
            .Where(d => disks.ContainsKey(d.Name))
            .Select(d => new DiskRate(
                d.Name,
                PerSecond(disks[d.Name].ReadBytes, d.ReadBytes, seconds),
                PerSecond(disks[d.Name].WrittenBytes, d.WrittenBytes, seconds)))
            .ToList();
        return new SystemLoad(after.At, CpuTimes.PercentBusy(before.Cpu, after.Cpu), after.Memory, network, io, after.UptimeSeconds);
    }

    /// <summary>A counter's growth per second; 0 when no time passed or the counter went back.</summary>
    public static double PerSecond(long before, long after, double seconds) =>
        seconds <= 0 || after < before ? 0 : (after - before) / seconds;
}
