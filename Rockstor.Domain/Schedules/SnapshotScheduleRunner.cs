using System.Collections.Concurrent;
using Rockstor.Domain.Common;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Schedules;

/// <summary>
/// One run of a schedule: a snapshot of each of its shares, then that share's snapshots taken by this
/// schedule thinned by its retention policy (locked ones stay and are not counted). A share that cannot
/// be snapshotted is not thinned either, so a failing schedule never eats its own history. Two runs of
/// one schedule never overlap: the second finds the first going and does nothing.
/// </summary>
public sealed class SnapshotScheduleRunner(
    ISnapshotScheduleRepository schedules,
    ISnapshotRepository snapshots,
    SnapshotService snapshotService,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _running = new();

    /// <summary>Runs the schedule; <paramref name="requested"/> runs a disabled one too ("Run now").</summary>
    /// <returns>The snapshots taken, or null when the schedule is gone, paused or already running.</returns>
    public async Task<IReadOnlyList<Snapshot>?> RunAsync(int scheduleId, bool requested, CancellationToken ct)
    {
        if (schedules.Find(scheduleId) is not { } schedule || (!schedule.Enabled && !requested))
        {
            return null;
        }

        var gate = _running.GetOrAdd(scheduleId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            return null;
        }

        var taken = new List<Snapshot>();
        var problems = new List<string>();
        try
        {
            foreach (var share in schedule.Shares)
            {
                try
                {
                    taken.Add(await snapshotService.TakeScheduledAsync(share, schedule.Prefix, schedule.Writable, schedule.Id, ct).ConfigureAwait(false));
                    await ThinAsync(schedule, share, ct).ConfigureAwait(false);
                }
                catch (RockstorException e)
                {
                    problems.Add($"{share}: {e.Message}");
                }
            }

            return taken;
        }
        catch (Exception e)
        {
            problems.Add($"The run stopped: {e.Message}"); // recorded below, and the job fails with it
            throw;
        }
        finally
        {
            schedules.RecordRun(schedule.Id, time.GetUtcNow(), problems.Count == 0 ? null : string.Join(" ", problems));
            gate.Release();
        }
    }

    private async Task ThinAsync(SnapshotSchedule schedule, string share, CancellationToken ct)
    {
        var own = snapshots.ListForShare(share).Where(s => s.ScheduleId == schedule.Id).OrderBy(s => s.Name, StringComparer.Ordinal); // the time in the name orders them
        foreach (var old in RetentionRule.ToDelete(own, s => s.CreatedAt, schedule.Retention, s => s.Locked))
        {
            try
            {
                await snapshotService.DeleteAsync(share, old.Name, ct).ConfigureAwait(false);
            }
            catch (ConflictException)
            {
                // Locked since it was listed: it stays.
            }
        }
    }
}
