using LiteDB;
using Rockstor.Domain.Common;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Schedules;
using Rockstor.Infrastructure.Disks;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Configuration;

/// <summary>
/// The records of a configuration file that run on a schedule (snapshot schedules, replication tasks, the
/// disks' self-tests), held to the rules their services hold the admin's input to (ADR-039). Whether the
/// shares and pools they name are there is not checked: they come with their pools' imports.
/// </summary>
internal static class ImportedSchedules
{
    /// <summary>
    /// Checks each record; <paramref name="targets"/> are the appliances a task may send to (the file's
    /// own, <paramref name="ownId"/>, and those paired in it).
    /// </summary>
    public static void Check(
        BsonMapper mapper,
        IReadOnlyDictionary<string, List<BsonDocument>> collections,
        IReadOnlySet<string> targets,
        string ownId,
        TaskSchedule schedule,
        DateTimeOffset now)
    {
        foreach (var each in ImportedRecords.Read<SnapshotScheduleDocument>(mapper, collections, "snapshot_schedules").Select(SnapshotScheduleRepository.ToSchedule))
        {
            ImportedRecords.About($"The snapshot schedule {each.Id} ('{Echo.Of(each.Prefix)}')", () =>
            {
                SnapshotPrefix.Validate(each.Prefix);
                Shares(each.Shares);
                schedule.CronOfRequired(each.FrequencyMinutes, each.Cron, "the schedule");
                each.Retention.Validate();
            });
        }

        foreach (var document in ImportedRecords.Read<ReplicationTaskDocument>(mapper, collections, "replication_tasks"))
        {
            ImportedRecords.About($"The replication task {document.Id} of '{Echo.Of(document.Share)}'", () =>
            {
                var task = ReplicationTaskRepository.ToTask(document);
                Shares([task.Share]);
                if (!targets.Contains(task.TargetApplianceId))
                {
                    throw new ValidationException($"It replicates to '{Echo.Of(task.TargetApplianceId)}', which is neither the appliance of the file nor one paired in it.");
                }

                ResourceName.Validate(task.TargetPool, "pool");
                if (task.TargetApplianceId != ownId)
                {
                    TaskRules.Port(task.Port);
                }

                schedule.CronOfRequired(task.FrequencyMinutes, task.Cron, "the task");
                task.Retention.Validate();
                task.DestinationRetention?.Validate();
                TaskRules.BandwidthLimit(task.BandwidthLimitMBps);
                if (document.Compression is { } compression)
                {
                    TaskRules.Compression(compression);
                }

                schedule.RequireRunsInside(task.Window, task.FrequencyMinutes, task.Cron, now);
            });
        }

        foreach (var selfTests in ImportedRecords.Read<SelfTestScheduleDocument>(mapper, collections, "self_test_schedule"))
        {
            SelfTestSchedule.Checked(selfTests.Short, selfTests.Long, schedule);
        }
    }

    private static void Shares(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            ResourceName.Validate(name, "share");
        }
    }
}
