using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Locks;

public sealed class SnapshotLockTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_locked_snapshot_is_not_deleted_until_the_admin_unlocks_it_with_the_password()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.SnapshotService.CreateAsync("docs", "keepsake", writable: false, None);

        Assert.True((await nas.SnapshotService.LockAsync("docs", "keepsake", None)).Locked);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.SnapshotService.DeleteAsync("docs", "keepsake", None));
        var shareRefused = await Assert.ThrowsAsync<ConflictException>(() => nas.Shares.DeleteAsync("docs", deleteSnapshots: true, None));
        var wrong = await Assert.ThrowsAsync<ValidationException>(() => nas.SnapshotService.UnlockAsync("docs", "keepsake", "admin", "guess", None));

        Assert.Equal("Snapshot 'docs/keepsake' is locked; unlock it first (with the admin password).", refused.Message);
        Assert.Contains("has locked snapshot(s) (keepsake)", shareRefused.Message, StringComparison.Ordinal);
        Assert.Contains("stays locked", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(["keepsake"], nas.Kept("docs"));

        Assert.False((await nas.SnapshotService.UnlockAsync("docs", "keepsake", "admin", AdminRecords.Password, None)).Locked);
        await nas.SnapshotService.DeleteAsync("docs", "keepsake", None);
        Assert.Empty(nas.Kept("docs"));
    }

    [Fact]
    public async Task Guessing_the_password_to_unlock_soon_has_to_wait()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.SnapshotService.CreateAsync("docs", "keepsake", writable: false, None);
        await nas.SnapshotService.LockAsync("docs", "keepsake", None);

        for (var guess = 0; guess < 5; guess++)
        {
            await Assert.ThrowsAsync<ValidationException>(() => nas.SnapshotService.UnlockAsync("docs", "keepsake", "admin", $"guess {guess}", None));
        }

        var waiting = await Assert.ThrowsAsync<ValidationException>(() => nas.SnapshotService.UnlockAsync("docs", "keepsake", "admin", AdminRecords.Password, None));

        Assert.StartsWith("Too many wrong passwords", waiting.Message, StringComparison.Ordinal);
        Assert.True(nas.Snapshot("docs", "keepsake").Locked);
    }

    [Fact(Timeout = 10_000)]
    public async Task Replication_retention_keeps_locked_snapshots_on_both_sides_and_counts_around_them()
    {
        var scene = await ReplicationScene.StartAsync(keep: 2);
        var first = (await scene.RunHourlyAsync(1))[0].Snapshot!;
        await scene.A.SnapshotService.LockAsync("docs", first, None);
        await scene.B.SnapshotService.LockAsync(scene.ReplicaShare, first, None);

        var runs = await scene.RunHourlyAsync(3);
        var later = runs.Select(a => a.Snapshot!).ToList();

        Assert.All(runs, a => Assert.Equal(AttemptStatus.Succeeded, a.Status));
        Assert.Equal([first, later[1], later[2]], scene.A.Kept("docs"));
        Assert.Equal([first, later[1], later[2]], scene.B.Kept(scene.ReplicaShare));
    }
}
