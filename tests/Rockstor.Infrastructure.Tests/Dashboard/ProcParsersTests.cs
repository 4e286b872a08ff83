using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Infrastructure.Dashboard;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Dashboard;

/// <summary>The /proc parsers on what this machine's kernel printed (TestData/proc).</summary>
public sealed class ProcParsersTests
{
    [Fact]
    public void Cpu_time_is_the_sum_of_the_first_eight_columns_and_busy_is_all_but_idle_and_io_wait()
    {
        // cpu  5315919 80086 1491480 9868325 192634 0 37641 7343 0 0
        var cpu = ProcStatParser.Parse(TestData.Read("proc/stat.txt"));

        Assert.Equal(5315919L + 80086 + 1491480 + 9868325 + 192634 + 0 + 37641 + 7343, cpu.Total);
        Assert.Equal(cpu.Total - 9868325 - 192634, cpu.Busy);
    }

    [Fact]
    public void Memory_is_mem_total_and_mem_available_in_bytes()
    {
        var memory = MeminfoParser.Parse(TestData.Read("proc/meminfo.txt"));

        Assert.Equal(new MemoryUsage(24683652L * 1024, 24112320L * 1024), memory);
        Assert.Equal((24683652L - 24112320L) * 1024, memory.UsedBytes);
    }

    [Fact]
    public void Interfaces_come_with_their_received_and_sent_bytes_and_loopback_is_left_out()
    {
        var interfaces = NetDevParser.Parse(TestData.Read("proc/net-dev.txt"));

        Assert.Equal(["ifb0", "ifb1", "eth0"], interfaces.Select(i => i.Name));
        Assert.Equal(new InterfaceCounters("eth0", 750487400, 4385962), interfaces[^1]);
    }

    [Fact]
    public void Disks_are_whole_disks_with_sectors_as_bytes_without_ram_disks_or_unused_loop_devices()
    {
        var wholeDisks = TestData.Read("proc/sys-block.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        var disks = DiskstatsParser.Parse(TestData.Read("proc/diskstats.txt"), wholeDisks);

        Assert.DoesNotContain(disks, d => d.Name == "zram0");
        Assert.Contains(new DiskCounters("vda", 87720530L * 512, 2996777064L * 512), disks);
        Assert.Contains(new DiskCounters("loop9", 5632L * 512, 24544L * 512), disks);
    }

    [Fact]
    public void A_partition_or_a_loop_device_that_never_did_any_io_is_not_a_disk_of_its_own()
    {
        const string Stats = """
             254       0 vda 10 0 80 1 20 0 160 2 0 3 3 0 0 0 0 0 0
             254       1 vda1 10 0 80 1 20 0 160 2 0 3 3 0 0 0 0 0 0
               7      12 loop12 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            """;

        var disks = DiskstatsParser.Parse(Stats, new HashSet<string>(["vda", "loop12"], StringComparer.Ordinal));

        Assert.Equal([new DiskCounters("vda", 80 * 512, 160 * 512)], disks);
    }

    [Fact]
    public void Uptime_is_the_first_number_of_proc_uptime()
    {
        var expected = double.Parse(TestData.Read("proc/uptime.txt").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, UptimeParser.Parse(TestData.Read("proc/uptime.txt")));
        Assert.True(expected > 0);
    }
}
