namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>One reading of the machine's counters; two readings give its load (<see cref="SystemLoad.Between"/>).</summary>
public sealed record SystemCounters(
    DateTimeOffset At,
    CpuTimes Cpu,
    MemoryUsage Memory,
    IReadOnlyList<InterfaceCounters> Interfaces,
    IReadOnlyList<DiskCounters> Disks,
    double UptimeSeconds);
