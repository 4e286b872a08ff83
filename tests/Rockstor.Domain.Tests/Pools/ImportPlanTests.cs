using Rockstor.Domain.Pools.Import;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Pools;

public sealed class ImportPlanTests
{
    private static Subvolume Writable(string path, string uuid) => new(1, path, uuid, null, null, false, null);

    private static Subvolume Snapshot(string path, string uuid, string? parent, string? received = null) => new(1, path, uuid, parent, received, true, null);

    [Fact]
    public void Writable_subvolumes_at_the_top_become_shares_and_snapshots_in_place_stay_theirs()
    {
        var plan = ImportPlan.From(
        [
            Writable("data", "u-data"),
            Writable("media", "u-media"),
            Snapshot(".snapshots/data/monday", "u-mon", "u-data"),
        ]);

        Assert.Equal(["data", "media"], plan.Shares);
        Assert.Equal([new ImportedSnapshot("data", "monday", ".snapshots/data/monday", false)], plan.Snapshots);
        Assert.Empty(plan.Moves);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void A_read_only_snapshot_made_from_a_share_elsewhere_moves_beside_the_share_s_snapshots_with_a_free_name()
    {
        var plan = ImportPlan.From(
        [
            Writable("data", "u-data"),
            Snapshot(".snapshots/data/monday", "u-1", "u-data"),
            Snapshot("backups/monday", "u-2", "u-data"),
            Snapshot("data-tuesday", "u-3", "u-data"),
        ]);

        Assert.Equal(
            [(".snapshots/data/monday", ".snapshots/data/monday"), ("backups/monday", ".snapshots/data/monday-2"), ("data-tuesday", ".snapshots/data/data-tuesday")],
            plan.Snapshots.Select(s => (s.From, Path.Combine(".snapshots", s.Share, s.Name))));
        Assert.Equal([new ImportMove("backups/monday", ".snapshots/data/monday-2", true), new ImportMove("data-tuesday", ".snapshots/data/data-tuesday", true)], plan.Moves);
    }

    [Fact]
    public void Received_snapshots_are_recognised_where_a_destination_kept_them_or_in_a_folder_that_moves_whole()
    {
        var plan = ImportPlan.From(
        [
            Writable("data", "u-data"),
            Snapshot(".snapshots/0a1b_photos/replication-3-20261101T000000000Z", "u-r1", null, "u-source-1"),
            Snapshot("incoming/week-44", "u-r2", null, "u-source-2"),
            Snapshot("incoming/week-45", "u-r3", "u-r2", "u-source-3"),
            Snapshot("loose", "u-r4", null, "u-source-4"),
        ]);

        Assert.Equal(["0a1b_photos", "incoming"], plan.ReplicaShares);
        Assert.Equal(["0a1b_photos/replication-3-20261101T000000000Z", "incoming/week-44", "incoming/week-45"], plan.Snapshots.Select(s => $"{s.Share}/{s.Name}"));
        Assert.All(plan.Snapshots, s => Assert.True(s.Received));
        Assert.Equal([new ImportMove("incoming", ".snapshots/incoming", false)], plan.Moves);
        Assert.StartsWith("loose: a received snapshot that is not in a folder of its own", Assert.Single(plan.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void What_an_import_cannot_place_is_left_where_it_is_with_why()
    {
        var plan = ImportPlan.From(
        [
            Writable("data", "u-data"),
            Writable("Not a name!", "u-bad"),
            Writable("data/inner", "u-inner"),
            Snapshot("orphan", "u-orphan", "u-gone"),
            Snapshot(".snapshots/gone/old", "u-old", "u-gone"),
        ]);

        Assert.Equal(["data"], plan.Shares);
        Assert.Empty(plan.Snapshots);
        Assert.Equal(4, plan.Skipped.Count);
        Assert.Contains(plan.Skipped, s => s.StartsWith("Not a name!: not a name a share can have", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.StartsWith("data/inner: a subvolume inside another", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.StartsWith("orphan: a read-only subvolume made from no share here", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.StartsWith(".snapshots/gone/old: a snapshot of 'gone'", StringComparison.Ordinal));
    }
}
