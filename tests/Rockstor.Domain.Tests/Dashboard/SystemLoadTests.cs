using Rockstor.Domain.Dashboard.Machine;

namespace Rockstor.Domain.Tests.Dashboard;

public sealed class SystemLoadTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rates_are_the_counters_growth_divided_by_the_seconds_between_the_readings()
    {
        var before = Reading(Start, new CpuTimes(1000, 4000), [new("eth0", 1_000, 500)], [new("vda", 4096, 0)]);
        var after = Reading(Start.AddSeconds(2), new CpuTimes(1100, 4400), [new("eth0", 3_000, 1_500)], [new("vda", 4096 + 8192, 1024)]);

        var load = SystemLoad.Between(before, after);

        Assert.Equal(25, load.CpuPercent);
        Assert.Equal([new NetworkRate("eth0", 1_000, 500)], load.Network);
        Assert.Equal([new DiskRate("vda", 4096, 512)], load.Disks);
        Assert.Equal(after.Memory, load.Memory);
    }

    [Fact]
    public void A_device_new_since_the_first_reading_has_no_rate_and_a_counter_that_went_back_counts_as_nothing()
    {
        var before = Reading(Start, new CpuTimes(1000, 4000), [new("eth0", 5_000, 5_000)], []);
        var after = Reading(Start.AddSeconds(3), new CpuTimes(1000, 4000), [new("eth0", 10, 20), new("eth1", 100, 100)], [new("loop3", 1, 1)]);

        var load = SystemLoad.Between(before, after);

        Assert.Equal([new NetworkRate("eth0", 0, 0)], load.Network);
        Assert.Empty(load.Disks);
        Assert.Equal(0, load.CpuPercent); // no ticks passed
    }

    [Fact]
    public void Cpu_busy_stays_between_0_and_100()
    {
        Assert.Equal(100, CpuTimes.PercentBusy(new CpuTimes(0, 0), new CpuTimes(500, 500)));
        Assert.Equal(0, CpuTimes.PercentBusy(new CpuTimes(500, 1000), new CpuTimes(400, 2000)));
        Assert.Equal(0, SystemLoad.PerSecond(10, 20, 0));
    }

    private static SystemCounters Reading(DateTimeOffset at, CpuTimes cpu, IReadOnlyList<InterfaceCounters> interfaces, IReadOnlyList<DiskCounters> disks) =>
        new(at, cpu, new MemoryUsage(8L << 30, 6L << 30), interfaces, disks, 100);
}
