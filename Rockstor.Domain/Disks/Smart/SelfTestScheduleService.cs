using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Disks.Smart;

/// <summary>
/// Self-tests on a schedule: a short and a long one, each a cron expression (UTC) or none, for every disk
/// that has SMART. A disk already running a self-test is passed over; the results show in its SMART data,
/// and a disk that fails one says so in its verdict, which the SMART alerts watch.
/// </summary>
public sealed class SelfTestScheduleService(
    ISelfTestScheduleStore store,
    ISelfTestScheduler scheduler,
    TaskSchedule schedule,
    DiskService disks,
    ISmartReader reader)
{
    public SelfTestSchedule Get() => store.Load();

    /// <summary>Checks and saves both schedules (null or empty: never), and registers them.</summary>
    public SelfTestSchedule Set(string? shortCron, string? longCron)
    {
        var wanted = SelfTestSchedule.Checked(shortCron, longCron, schedule);
        store.Save(wanted);
        Apply(wanted);
        return wanted;
    }

    /// <summary>At start: the schedules registered again from the store.</summary>
    public void ScheduleAll() => Apply(store.Load());

    /// <summary>A scheduled run: starts the kind's self-test on every disk with SMART that is not running one; says what it did.</summary>
    public async Task<string> RunAsync(SelfTestKind kind, CancellationToken ct)
    {
        if (store.Load().Of(kind) is null)
        {
            scheduler.Unschedule(kind);
            return $"There is no {Word(kind)} self-test schedule any more.";
        }

        var started = new List<string>();
        var passed = new List<string>();
        foreach (var disk in await disks.ListAsync(ct).ConfigureAwait(false))
        {
            var report = await reader.ReadAsync(disk.Disk.Path, ct).ConfigureAwait(false);
            if (!report.Supported)
            {
                continue;
            }

            if (report.SelfTestRemainingPercent is not null)
            {
                passed.Add($"{disk.Disk.Path} (a self-test is running)");
                continue;
            }

            try
            {
                await reader.StartSelfTestAsync(disk.Disk.Path, kind, ct).ConfigureAwait(false);
                started.Add(disk.Disk.Path);
            }
            catch (StorageCommandException e)
            {
                passed.Add($"{disk.Disk.Path} ({e.Message})");
            }
        }

        return $"Scheduled {Word(kind)} self-test started on {(started.Count == 0 ? "no disk" : string.Join(", ", started))}"
            + (passed.Count == 0 ? "." : $"; passed over {string.Join(", ", passed)}.");
    }

    private static string Word(SelfTestKind kind) => kind == SelfTestKind.Short ? "short" : "long";

    private void Apply(SelfTestSchedule wanted)
    {
        foreach (var kind in (ReadOnlySpan<SelfTestKind>)[SelfTestKind.Short, SelfTestKind.Long])
        {
            if (wanted.Of(kind) is { } cron)
            {
                scheduler.Schedule(kind, cron);
            }
            else
            {
                scheduler.Unschedule(kind);
            }
        }
    }
}
