using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Pools.Scrubs;

/// <summary>
/// Scrubs on a schedule: each pool may have a cron expression (UTC, five fields or a macro such as
/// @monthly) at which a scrub starts. A scheduled scrub that finds the pool busy or unmounted is skipped,
/// with a line in the log; its result and alerts are those of any scrub.
/// </summary>
public sealed class ScrubScheduleService(
    IPoolRepository pools,
    IScrubScheduler scheduler,
    TaskSchedule schedule,
    PoolOperationService operations,
    Storage.StorageLock storageLock)
{
    /// <summary>The schedule as kept (null for none); a sentence for an expression that is not one.</summary>
    public string? Check(string? cron) => string.IsNullOrWhiteSpace(cron) ? null : schedule.CronOf(null, cron);

    /// <summary>Sets or (with null or empty) removes the pool's scrub schedule.</summary>
    public async Task<Pool> SetAsync(string name, string? cron, CancellationToken ct)
    {
        var wanted = Check(cron);
        using var held = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        var changed = pools.Change(name, p => p with { ScrubSchedule = wanted })
            ?? throw new NotFoundException($"There is no pool named '{Echo.Of(name)}'.");
        if (wanted is null)
        {
            scheduler.Unschedule(name);
        }
        else
        {
            scheduler.Schedule(name, wanted);
        }

        return changed;
    }

    /// <summary>At start: every pool's scrub schedule registered again from the store.</summary>
    public void ScheduleAll()
    {
        foreach (var pool in pools.List())
        {
            if (pool.ScrubSchedule is { } cron)
            {
                scheduler.Schedule(pool.Name, cron);
            }
            else
            {
                scheduler.Unschedule(pool.Name);
            }
        }
    }

    /// <summary>A scheduled scrub: started unless the pool is gone (its schedule goes too), busy or not mounted (skipped, said why).</summary>
    public async Task<string> RunAsync(string name, CancellationToken ct)
    {
        if (pools.Find(name) is not { ScrubSchedule: not null })
        {
            scheduler.Unschedule(name);
            return $"Pool '{name}' has no scrub schedule any more.";
        }

        try
        {
            var scrub = await operations.ScrubAsync(name, ct).ConfigureAwait(false);
            return $"Scheduled scrub {scrub.Id} of pool '{name}' started.";
        }
        catch (ConflictException e)
        {
            return $"The scheduled scrub of pool '{name}' was skipped: {e.Message}";
        }
    }
}
