using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Components.Storage;

/// <summary>
/// What the Snapshots screen shows of a row beyond the store's record: who made the snapshot, until when
/// it is protected, and its sizes. Sizes come from btrfs's quota groups: at once when they were read
/// lately, otherwise after the rows (<see cref="ReadSizesAsync"/>), so the list never waits for them.
/// </summary>
public sealed class SnapshotFacts(SnapshotScheduleService schedules, ReplicaProtection protection, SnapshotSizes sizes)
{
    /// <summary>Each schedule's name for the list and the filter: its prefix.</summary>
    public IReadOnlyDictionary<int, string> ScheduleNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>Until when a received snapshot is protected (null when it is not).</summary>
    public Func<Snapshot, DateTimeOffset?> ProtectedUntil { get; private set; } = _ => null;

    /// <summary>The snapshot's sizes, once read (null until then, or when btrfs does not know them).</summary>
    public Func<Snapshot, QgroupSize?> SizeOf { get; private set; } = _ => null;

    /// <summary>Reads what is at hand for the page; true when its sizes must still be read.</summary>
    public bool Refresh(SnapshotPage page)
    {
        ScheduleNames = schedules.List().ToDictionary(s => s.Id, s => s.Prefix);
        ProtectedUntil = protection.ForListing();
        if (sizes.TryCached(page.Items, out var sizeOf))
        {
            SizeOf = sizeOf;
            return false;
        }

        SizeOf = _ => null;
        return true;
    }

    /// <summary>Reads the page's sizes from btrfs; false when they could not be read (they stay blank).</summary>
    public async Task<Func<Snapshot, QgroupSize?>?> ReadSizesAsync(SnapshotPage page, CancellationToken ct)
    {
        try
        {
            return await sizes.ForAsync(page.Items, ct);
        }
        catch (RockstorException)
        {
            return null; // the list itself is what matters
        }
        catch (OperationCanceledException)
        {
            return null; // the screen closed
        }
    }

    /// <summary>Shows sizes read for a page.</summary>
    public void Show(Func<Snapshot, QgroupSize?> sizeOf) => SizeOf = sizeOf;

    /// <summary>Who made the snapshot, in a word: a schedule (by its prefix), replication, a sender, or the admin (blank).</summary>
    public string MadeBy(Snapshot snapshot) => snapshot switch
    {
        { ScheduleId: { } id } => ScheduleNames.TryGetValue(id, out var prefix) ? $"schedule {prefix}" : "a deleted schedule",
        { ReceivedUuid: not null } => "received",
        _ when ReplicationNames.IsReplicationSnapshot(snapshot.Name) => "replication",
        _ => "",
    };
}
