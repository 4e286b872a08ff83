using Rockstor.Domain.Storage;
using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

/// <summary>A raid1 pool's devices and error counters, captured from btrfs: whole, then mounted degraded with one device gone.</summary>
public sealed class PoolDeviceParserTests
{
    [Fact]
    public void Both_devices_of_a_whole_raid1_pool_are_read_with_their_sizes()
    {
        var devices = FilesystemShowParser.Parse(TestData.Read("filesystem-show-raid1.txt"));

        Assert.Equal([(1, 1_073_741_824L, 223_084_544L, "/dev/loop0"), (2, 1_073_741_824L, 223_084_544L, (string?)"/dev/loop1")], devices);
    }

    [Fact]
    public void A_missing_device_keeps_its_id_and_has_no_path()
    {
        var devices = FilesystemShowParser.Parse(TestData.Read("filesystem-show-missing.txt"));

        Assert.Equal([(1, 1_073_741_824L, 223_084_544L, "/dev/loop0"), (2, 0L, 0L, (string?)null)], devices);
    }

    [Fact]
    public void Error_counters_are_read_by_path_and_by_id_for_a_missing_device()
    {
        var whole = DeviceStatsParser.Parse(TestData.Read("device-stats.txt"));
        var degraded = DeviceStatsParser.Parse(TestData.Read("device-stats-missing.txt"));

        Assert.Equal(["/dev/loop0", "/dev/loop1"], whole.Keys.Order(StringComparer.Ordinal));
        Assert.All(whole.Values, e => Assert.Equal(DeviceErrors.None, e));
        Assert.Equal(["/dev/loop0", "devid:2"], degraded.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_counter_lands_in_its_place() =>
        Assert.Equal(
            new DeviceErrors(Write: 1, Read: 2, Flush: 3, Corruption: 4, Generation: 5),
            DeviceStatsParser.Parse("[/dev/sdb].write_io_errs    1\n[/dev/sdb].read_io_errs     2\n[/dev/sdb].flush_io_errs    3\n[/dev/sdb].corruption_errs  4\n[/dev/sdb].generation_errs  5\n")["/dev/sdb"]);
}
