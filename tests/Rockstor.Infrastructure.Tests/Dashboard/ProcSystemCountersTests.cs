using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Infrastructure.Dashboard;

namespace Rockstor.Infrastructure.Tests.Dashboard;

/// <summary>The counters of the machine the tests run on, read from its real /proc.</summary>
public sealed class ProcSystemCountersTests
{
    [Fact]
    public async Task Two_readings_of_this_machine_give_a_cpu_between_0_and_100_its_memory_and_its_interfaces()
    {
        var counters = new ProcSystemCounters(TimeProvider.System);

        var first = counters.Read();
        await Task.Delay(300);
        var second = counters.Read();
        var load = SystemLoad.Between(first, second);

        var memTotalKib = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(load.CpuPercent, 0, 100);
        Assert.True(second.Cpu.Total > first.Cpu.Total);
        Assert.Equal(memTotalKib * 1024, load.Memory.TotalBytes);
        Assert.InRange(load.Memory.UsedBytes, 1, load.Memory.TotalBytes);
        Assert.NotEmpty(load.Network);
        Assert.DoesNotContain(load.Network, n => n.Name == "lo");
        Assert.All(load.Network, n => Assert.True(n.ReceivedBytesPerSecond >= 0 && n.SentBytesPerSecond >= 0));
        Assert.NotEmpty(second.Disks);
        Assert.All(second.Disks, d => Assert.True(Directory.Exists($"/sys/block/{d.Name}")));
        Assert.True(second.UptimeSeconds > 0);
    }
}
