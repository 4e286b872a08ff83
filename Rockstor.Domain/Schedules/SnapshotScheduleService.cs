using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Schedules;

/// <summary>
/// Adds, changes and removes snapshot schedules; the recurring jobs follow the store. A deleted share
/// leaves every schedule that named it, so a share made later under that name is not snapshotted unasked.
/// </summary>
public sealed class SnapshotScheduleService(
    ISnapshotScheduleRepository schedules,
    IShareRepository shares,
    ISnapshotScheduler scheduler,
    TaskSchedule schedule,
    TimeProvider time) : IExportReferences
{
    public IReadOnlyList<SnapshotSchedule> List() => schedules.List();

    public SnapshotSchedule Require(int id) =>
        schedules.Find(id) ?? throw new NotFoundException($"There is no snapshot schedule {id}.");

    public SnapshotSchedule Create(SnapshotScheduleRequest request)
    {
        var created = Validate(request, existing: null);
        schedules.Save(created);
        Follow(created);
        return created;
    }

    public SnapshotSchedule Update(int id, SnapshotScheduleRequest request)
    {
        var changed = Validate(request, Require(id));
        schedules.Save(changed);
        Follow(changed);
        return changed;
    }

    /// <summary>Removes the schedule; the snapshots it took stay, as snapshots of their shares.</summary>
    public void Delete(int id)
    {
        Require(id);
        scheduler.Unschedule(id);
        schedules.Remove(id);
    }

    public void RunNow(int id) => scheduler.RunNow(Require(id).Id);

    /// <summary>Registers every enabled schedule again from the store (at start-up).</summary>
    public void ScheduleAll()
    {
        foreach (var each in schedules.List())
        {
            Follow(each);
        }
    }

    public Task ForgetShareAsync(string share, CancellationToken ct)
    {
        foreach (var each in schedules.List().Where(s => s.Shares.Contains(share, StringComparer.Ordinal)))
        {
            each.Shares = each.Shares.Where(s => s != share).ToList();
            if (each.Shares.Count == 0)
            {
                each.Enabled = false; // nothing left to snapshot; the admin sees it paused and can give it shares
            }

            schedules.Save(each);
            Follow(each);
        }

        return Task.CompletedTask;
    }

    /// <summary>A schedule offers nothing to the network: it never holds a share back from deletion.</summary>
    public string? OfferedOver(string share) => null;

    public bool ServesThroughMounts => false;

    public Task ShareChangedAsync(string share, CancellationToken ct) => Task.CompletedTask;

    public Task ForgetUserAsync(string name, CancellationToken ct) => Task.CompletedTask;

    public Task ForgetGroupAsync(string name, CancellationToken ct) => Task.CompletedTask;

    private void Follow(SnapshotSchedule each)
    {
        if (each.Enabled)
        {
            scheduler.Schedule(each);
        }
        else
        {
            scheduler.Unschedule(each.Id);
        }
    }

    private SnapshotSchedule Validate(SnapshotScheduleRequest request, SnapshotSchedule? existing)
    {
        var named = request.Shares ?? existing?.Shares ?? [];
        if (named.Count == 0)
        {
            throw new ValidationException("Choose at least one share to snapshot.");
        }

        var chosen = new List<string>();
        foreach (var name in named.Distinct(StringComparer.Ordinal))
        {
            var share = shares.Find(name ?? "") ?? throw new ValidationException($"There is no share named '{Echo.Of(name)}'.");
            if (share.Kind == ShareKind.Replica)
            {
                throw new ValidationException($"'{share.Name}' is a replica: its snapshots come from replication, and the Receive screen keeps their history.");
            }

            chosen.Add(share.Name);
        }

        var prefix = SnapshotPrefix.Validate(request.Prefix ?? existing?.Prefix);
        if (schedules.List().FirstOrDefault(s => s.Id != existing?.Id
                && string.Equals(s.Prefix, prefix, StringComparison.OrdinalIgnoreCase)
                && s.Shares.Intersect(chosen, StringComparer.Ordinal).Any()) is { } clash)
        {
            throw new ConflictException(
                $"Schedule {clash.Id} already names its snapshots of '{clash.Shares.Intersect(chosen, StringComparer.Ordinal).First()}' '{clash.Prefix}_…': choose another prefix.");
        }

        var frequency = request.FrequencyMinutes ?? (request.Cron is null ? existing?.FrequencyMinutes : null);
        var cron = request.Cron ?? (request.FrequencyMinutes is null ? existing?.Cron : null);
        schedule.CronOfRequired(frequency, cron, "the schedule");
        var retention = (request.Retention ?? existing?.Retention
            ?? throw new ValidationException("Give a retention policy: how many snapshots to keep (last, hourly, daily, weekly, monthly, yearly).")).Validate();

        var result = existing ?? new SnapshotSchedule
        {
            Shares = chosen,
            Prefix = prefix,
            Writable = false,
            Retention = retention,
            Enabled = true,
            CreatedAt = time.GetUtcNow(),
        };
        result.Shares = chosen;
        result.Prefix = prefix;
        result.FrequencyMinutes = frequency;
        result.Cron = frequency is null ? cron!.Trim() : null;
        result.Writable = request.Writable ?? existing?.Writable ?? false;
        result.Retention = retention;
        result.Enabled = request.Enabled ?? existing?.Enabled ?? true;
        return result;
    }
}
