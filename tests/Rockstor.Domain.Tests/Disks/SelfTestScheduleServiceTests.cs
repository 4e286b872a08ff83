using Rockstor.Domain.Common;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Disks;

public sealed class SelfTestScheduleServiceTests
{
    private readonly FakeSmartReader _reader = new();
    private readonly Store _store = new();
    private readonly Scheduler _scheduler = new();

    [Fact]
    public async Task A_scheduled_self_test_starts_on_each_disk_with_smart_that_is_not_testing_already()
    {
        var schedules = await ServiceAsync();
        schedules.Set("0 3 * * 0", null);
        _reader.Reports["/dev/sdb"] = FakeSmartReader.Disk("/dev/sdb", "WD-1");
        _reader.Reports["/dev/sdc"] = FakeSmartReader.Disk("/dev/sdc", "WD-2", remaining: 40);

        var outcome = await schedules.RunAsync(SelfTestKind.Short, default);

        Assert.Equal([("/dev/sdb", SelfTestKind.Short)], _reader.Started);
        Assert.Equal("Scheduled short self-test started on /dev/sdb; passed over /dev/sdc (a self-test is running).", outcome);
    }

    [Fact]
    public async Task Setting_the_schedules_registers_each_and_clearing_one_removes_it()
    {
        var schedules = await ServiceAsync();

        schedules.Set("0 3 * * 0", "0 4 1 * *");
        Assert.Equal(new Dictionary<SelfTestKind, string> { [SelfTestKind.Short] = "0 3 * * 0", [SelfTestKind.Long] = "0 4 1 * *" }, _scheduler.Jobs);

        var saved = schedules.Set(" 0 3 * * 0 ", "");
        Assert.Equal(new SelfTestSchedule("0 3 * * 0", null), saved);
        Assert.Equal([SelfTestKind.Short], _scheduler.Jobs.Keys);
        Assert.Equal("There is no long self-test schedule any more.", await schedules.RunAsync(SelfTestKind.Long, default));
    }

    [Fact]
    public async Task A_schedule_that_is_not_a_cron_expression_is_refused_with_a_sentence_and_nothing_is_saved()
    {
        var schedules = await ServiceAsync();

        var refused = Assert.Throws<ValidationException>(() => schedules.Set("every sunday", null));

        Assert.StartsWith("The short self-test's schedule: 'every sunday' is not a cron expression", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SelfTestSchedule.None, _store.Load());
        Assert.Empty(_scheduler.Jobs);
    }

    private async Task<SelfTestScheduleService> ServiceAsync()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Devices.Disks.AddRange([new BlockDevice("/dev/sdb", 4L << 40, "HDD", "WD-1", null), new BlockDevice("/dev/sdc", 4L << 40, "HDD", "WD-2", null), new BlockDevice("/dev/loop3", 1L << 30, null, null, null)]);
        return new SelfTestScheduleService(_store, _scheduler, new TaskSchedule(new EveryCron()), nas.Disks, _reader);
    }

    private sealed class Store : ISelfTestScheduleStore
    {
        private SelfTestSchedule _saved = SelfTestSchedule.None;

        public SelfTestSchedule Load() => _saved;

        public void Save(SelfTestSchedule schedule) => _saved = schedule;
    }

    private sealed class Scheduler : ISelfTestScheduler
    {
        public Dictionary<SelfTestKind, string> Jobs { get; } = [];

        public void Schedule(SelfTestKind kind, string cron) => Jobs[kind] = cron;

        public void Unschedule(SelfTestKind kind) => Jobs.Remove(kind);
    }
}
