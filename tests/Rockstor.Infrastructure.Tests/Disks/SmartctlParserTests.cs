using Rockstor.Domain.Disks.Smart;
using Rockstor.Infrastructure.Disks;

namespace Rockstor.Infrastructure.Tests.Disks;

/// <summary>The SMART parser on what smartctl -j -a printed for real disks of each kind (TestData/smartctl/README.md).</summary>
public sealed class SmartctlParserTests
{
    [Fact]
    public void A_sata_hard_disk_gives_its_verdict_sectors_temperature_hours_log_and_the_self_test_under_way()
    {
        var report = Parse("sata-hdd.json");

        Assert.Equal((true, DiskKind.Hdd, "WDC WD140EDFZ-11A0VA0", "9RK1XXXX", (bool?)true), (report.Supported, report.Kind, report.Model, report.Serial, report.Passed));
        Assert.Equal(new SmartVitals(ReallocatedSectors: 0, PendingSectors: 0, UncorrectableSectors: 0, TemperatureCelsius: 32, PowerOnHours: 1730), report.Vitals);
        Assert.Equal(0, report.ErrorLogEntries);
        Assert.Equal(new SelfTestResult("Short offline", "Completed without error", true, 1708), report.SelfTests[0]);
        Assert.Equal(10, report.SelfTestRemainingPercent);
    }

    [Fact]
    public void A_sata_ssd_gives_its_wear_from_the_life_left_attribute_and_reads_its_extended_logs()
    {
        var report = Parse("sata-ssd.json");

        Assert.Equal((DiskKind.Ssd, "Samsung SSD 860 EVO 500GB", (bool?)true), (report.Kind, report.Model, report.Passed));
        Assert.Equal(19, report.Vitals.WearUsedPercent); // Wear_Leveling_Count at 81 of 100
        Assert.Equal((36, 14551L, 0L), (report.Vitals.TemperatureCelsius, report.Vitals.PowerOnHours, report.Vitals.ReallocatedSectors));
        Assert.Equal(0, report.ErrorLogEntries);
        Assert.Equal(new SelfTestResult("Short offline", "Completed without error", true, 14417), report.SelfTests[0]);
        Assert.Null(report.SelfTestRemainingPercent);
    }

    [Fact]
    public void A_failing_disk_says_so_with_the_sectors_it_lost_and_the_errors_it_logged()
    {
        var report = Parse("sata-hdd-failing.json");

        Assert.False(report.Passed);
        Assert.Equal((1975L, 8L, 0L), (report.Vitals.ReallocatedSectors, report.Vitals.PendingSectors, report.Vitals.UncorrectableSectors));
        Assert.Equal((25, 65592L), (report.Vitals.TemperatureCelsius, report.Vitals.PowerOnHours));
        Assert.Equal(56, report.ErrorLogEntries);
    }

    [Fact]
    public void An_nvme_disk_gives_its_wear_media_errors_and_error_log_from_its_health_log()
    {
        var healthy = Parse("nvme.json");
        var worn = Parse("nvme-media-errors.json");

        Assert.Equal((DiskKind.Nvme, "INTEL SSDPEKNW010T8", (bool?)true), (healthy.Kind, healthy.Model, healthy.Passed));
        Assert.Equal(new SmartVitals(TemperatureCelsius: 36, PowerOnHours: 2401, WearUsedPercent: 0, MediaErrors: 0), healthy.Vitals);
        Assert.Equal(new SmartVitals(TemperatureCelsius: 35, PowerOnHours: 12798, WearUsedPercent: 3, MediaErrors: 7), worn.Vitals);
        Assert.Equal(62, worn.ErrorLogEntries);
        Assert.Empty(worn.SelfTests);
    }

    [Theory]
    [InlineData("loop-device.json", "/dev/loop0: Unable to detect device type")]
    [InlineData("virtual-disk.json", "/dev/vda: Unable to detect device type")]
    public void A_disk_without_smart_says_so_in_a_sentence(string file, string smartctlSaid)
    {
        var report = Parse(file);

        Assert.False(report.Supported);
        Assert.Equal($"This disk reports no SMART data (virtual disks and loop devices have none): {smartctlSaid}.", report.Unsupported);
        Assert.Equal((DiskKind.Unknown, (bool?)null), (report.Kind, report.Passed));
    }

    private static SmartReport Parse(string file) =>
        SmartctlParser.Parse("/dev/sdx", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "smartctl", file)));
}
