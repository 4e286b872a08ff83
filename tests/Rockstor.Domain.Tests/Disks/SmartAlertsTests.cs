using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Disks;

public sealed class SmartAlertsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeSmartReader _reader = new();
    private readonly SmartBaselineRecords _baselines = new();
    private readonly AlertsUnderTest _alerts;

    public SmartAlertsTests() => _alerts = new AlertsUnderTest(_time);

    [Fact]
    public async Task A_disk_whose_verdict_turns_bad_raises_one_alert_with_what_to_do_and_none_for_a_disk_without_smart()
    {
        var (smart, _) = await WithDisksAsync();
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1");

        await smart.CheckAsync(default);
        Assert.Empty(_alerts.Open(AlertKind.Smart));

        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", passed: false);
        await smart.CheckAsync(default);
        await smart.CheckAsync(default);

        var alert = Assert.Single(_alerts.Open(AlertKind.Smart));
        Assert.Equal("disk:WD-1", alert.About);
        Assert.Equal("disk /dev/sdb (WDC WD40EFRX, serial WD-1)", alert.Subject);
        Assert.Contains("its own health verdict is FAILED", alert.Message, StringComparison.Ordinal);
        Assert.Contains("replace the disk", alert.Message, StringComparison.Ordinal);
        Assert.Equal([(AlertNoticeKind.Raised, alert.Subject)], _alerts.Told());
    }

    [Fact]
    public async Task A_growing_sector_count_raises_an_alert_which_stays_open_until_a_quiet_week_has_passed()
    {
        var (smart, _) = await WithDisksAsync();
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", reallocated: 2);
        await smart.CheckAsync(default); // first seen: 2 reallocated is where it starts, not a change
        Assert.Empty(_alerts.Open(AlertKind.Smart));

        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", reallocated: 8);
        _time.Advance(TimeSpan.FromHours(1));
        await smart.CheckAsync(default);
        var raised = Assert.Single(_alerts.Open(AlertKind.Smart));
        Assert.Contains("reallocated sectors 2 -> 8", raised.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromDays(SmartAlerts.QuietDays - 1));
        await smart.CheckAsync(default);
        Assert.Single(_alerts.Open(AlertKind.Smart));

        _time.Advance(TimeSpan.FromDays(1));
        await smart.CheckAsync(default);
        Assert.Empty(_alerts.Open(AlertKind.Smart));
        Assert.Equal([AlertNoticeKind.Raised, AlertNoticeKind.Resolved], _alerts.Told().Select(t => t.Kind));
        Assert.Equal(2, _baselines.Writes); // first sight and the growth: a quiet disk writes nothing
    }

    [Fact]
    public async Task Pending_sectors_keep_the_alert_open_and_a_disk_that_leaves_resolves_it()
    {
        var (smart, devices) = await WithDisksAsync();
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", pending: 3);

        await smart.CheckAsync(default);
        Assert.Contains("3 sector(s) could not be read", Assert.Single(_alerts.Open(AlertKind.Smart)).Message, StringComparison.Ordinal);

        devices.Disks.RemoveAll(d => d.Path == "/dev/sdb"); // replaced and pulled
        await smart.CheckAsync(default);

        Assert.Empty(_alerts.Open(AlertKind.Smart));
    }

    [Fact]
    public async Task A_failing_disk_that_falls_asleep_keeps_its_alert_open_and_nobody_is_told_it_is_over()
    {
        var (smart, _) = await WithDisksAsync();
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", passed: false);
        await smart.CheckAsync(default);

        _reader.Asleep.Add("/dev/sdb");
        await smart.CheckAsync(default);
        _reader.Reports.Remove("/dev/sdb"); // or smartctl could not read it this time
        _reader.Asleep.Clear();
        await smart.CheckAsync(default);

        Assert.Single(_alerts.Open(AlertKind.Smart));
        Assert.Equal([AlertNoticeKind.Raised], _alerts.Told().Select(t => t.Kind));
    }

    [Fact]
    public async Task A_count_the_disk_leaves_out_of_one_reading_keeps_its_value_and_is_not_taken_for_growth()
    {
        var (smart, _) = await WithDisksAsync();
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", reallocated: 8);
        await smart.CheckAsync(default);

        var report = FakeSmartReader.Disk("/dev/sdb", "WD-1");
        _reader.Reports["/dev/sdb"] = report with { Vitals = report.Vitals with { ReallocatedSectors = null } }; // a bridge that left the table out
        await smart.CheckAsync(default);
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", reallocated: 8);
        await smart.CheckAsync(default);

        Assert.Empty(_alerts.Open(AlertKind.Smart));
        Assert.Equal(8, _baselines.Find("WD-1")!.ReallocatedSectors);
        Assert.Equal(1, _baselines.Writes);
    }

    [Fact]
    public async Task A_sleeping_disk_is_not_woken_to_be_checked()
    {
        var (smart, _) = await WithDisksAsync();
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1", passed: false);
        _reader.Asleep.Add("/dev/sdb");

        await smart.CheckAsync(default);

        Assert.Empty(_alerts.Open(AlertKind.Smart));
        Assert.Equal(0, _baselines.Writes);
    }

    private async Task<(SmartAlerts Smart, FakeBlockDevices Devices)> WithDisksAsync()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Devices.Disks.AddRange(
        [
            new BlockDevice("/dev/sda", 64L << 30, "QEMU", null, "it holds the system") { IsSystem = true, Mounted = true },
            new BlockDevice("/dev/sdb", 4L << 40, "WDC WD40EFRX", "WD-1", null),
        ]);
        return (new SmartAlerts(nas.Devices, nas.Records, _reader, _baselines, _alerts.Service, _time), nas.Devices);
    }
}
