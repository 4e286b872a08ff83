using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Storage;

public sealed class ShareAndSnapshotTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public ShareAndSnapshotTests() => _ct = _host.Lifetime;

    [Fact(Timeout = 120_000)]
    public async Task A_share_is_a_subvolume_whose_usage_is_reported()
    {
        await _host.CreateImagePoolAsync();

        var share = await _host.Shares.CreateAsync("pool1", "123e-docs", _ct);
        await File.WriteAllBytesAsync(Path.Combine(share.Path, "data"), new byte[3 << 20], _ct);
        Sandbox.Run("btrfs", "filesystem", "sync", share.Path);

        Assert.Contains("123e-docs", Sandbox.Run("btrfs", "subvolume", "list", _host.Layout.PoolMountPoint("pool1")), StringComparison.Ordinal);
        var listed = Assert.Single(await _host.Shares.ListAsync(_ct));
        Assert.Equal("pool1", listed.Share.Pool);
        Assert.True(listed.UsedBytes >= 3 << 20, $"used {listed.UsedBytes}");
    }

    [Fact(Timeout = 120_000)]
    public async Task Snapshots_are_read_only_by_default_and_carry_btrfs_identity()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);

        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var readOnly = await _host.Snapshots.CreateAsync("docs", "0-first", writable: false, _ct);
        var writable = await _host.Snapshots.CreateAsync("docs", "second", writable: true, _ct);

        var page = await _host.Snapshots.ListAsync(new SnapshotQuery(Share: "docs", Sort: SnapshotSort.Name, Descending: false), _ct);
        Assert.Equal(["0-first", "second"], page.Items.Select(s => s.Name));
        Assert.True(page.Items[0].ReadOnly);
        Assert.False(page.Items[1].ReadOnly);
        Assert.Equal(share.Share.Uuid, readOnly.ParentUuid);
        Assert.NotEqual(readOnly.Uuid, writable.Uuid);
        Assert.InRange(readOnly.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal(_host.Layout.SnapshotPath("pool1", "docs", "0-first"), readOnly.Path);
        var write = Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(readOnly.Path, "x"), "x"));
        Assert.Contains("Read-only file system", write.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_clone_is_a_new_writable_share_with_the_snapshot_s_files()
    {
        var share = await ShareWithSnapshotOfVersion1Async();

        var clone = await _host.Snapshots.CloneAsync("docs", "s1", "restored", _ct);

        Assert.Equal("version 1", await File.ReadAllTextAsync(Path.Combine(clone.Path, "a.txt"), _ct));
        await File.WriteAllTextAsync(Path.Combine(clone.Path, "b.txt"), "writable", _ct);
        Assert.Equal(["docs", "restored"], (await _host.Shares.ListAsync(_ct)).Select(s => s.Share.Name));
    }

    [Fact(Timeout = 120_000)]
    public async Task Rollback_restores_the_snapshot_and_keeps_the_current_state_as_a_snapshot()
    {
        var share = await ShareWithSnapshotOfVersion1Async();

        var kept = await _host.Snapshots.RollbackAsync("docs", "s1", _ct);

        Assert.Equal("version 1", await File.ReadAllTextAsync(Path.Combine(share.Path, "a.txt"), _ct));
        Assert.Equal("version 2", await File.ReadAllTextAsync(Path.Combine(kept.Path, "a.txt"), _ct));
        Assert.StartsWith("before-rollback-", kept.Name, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(share.Path, "c.txt"), "the share stays writable", _ct);
        var names = Sandbox.Run("btrfs", "subvolume", "list", _host.Layout.PoolMountPoint("pool1"));
        Assert.DoesNotContain(".rollback-", names, StringComparison.Ordinal);
        Assert.Equal(2, (await _host.Snapshots.ListAsync(new SnapshotQuery("docs"), _ct)).Total);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_share_with_snapshots_is_deleted_only_when_the_snapshots_go_too()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", false, _ct);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => _host.Shares.DeleteAsync("docs", deleteSnapshots: false, _ct));
        Assert.Contains("1 snapshot", refused.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(share.Path));

        await _host.Shares.DeleteAsync("docs", deleteSnapshots: true, _ct);

        Assert.False(Directory.Exists(share.Path));
        Assert.False(Directory.Exists(snapshot.Path));
        Assert.Empty(await _host.Shares.ListAsync(_ct));
        Assert.Equal(0, (await _host.Snapshots.ListAsync(new SnapshotQuery(), _ct)).Total);
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_drops_snapshots_removed_behind_the_store_s_back_and_adds_new_ones()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);
        var gone = await _host.Snapshots.CreateAsync("docs", "gone", false, _ct);
        await _host.Snapshots.CreateAsync("docs", "stays", false, _ct);

        Sandbox.Run("btrfs", "subvolume", "delete", gone.Path);
        Sandbox.Run("btrfs", "subvolume", "snapshot", share.Path, _host.Layout.SnapshotPath("pool1", "docs", "made-by-hand"));
        Sandbox.Run("btrfs", "property", "set", _host.Layout.SnapshotPath("pool1", "docs", "stays"), "ro", "false");

        var page = await _host.Snapshots.ListAsync(new SnapshotQuery(Sort: SnapshotSort.Name, Descending: false), _ct);

        Assert.Equal(["made-by-hand", "stays"], page.Items.Select(s => s.Name));
        Assert.False(page.Items[0].ReadOnly);
        Assert.False(page.Items[1].ReadOnly);
        Assert.Equal(share.Share.Uuid, page.Items[0].ParentUuid);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_share_removed_behind_the_store_s_back_is_forgotten()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);
        Sandbox.Run("btrfs", "subvolume", "delete", share.Path);

        await _host.Snapshots.ReconcileAsync(_ct);

        Assert.Empty(await _host.Shares.ListAsync(_ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bad_snapshot_name_is_refused_and_nothing_is_made()
    {
        await _host.CreateImagePoolAsync();
        await _host.Shares.CreateAsync("pool1", "docs", _ct);

        foreach (var bad in new[] { "../escape", "a/b", "-rf", "", new string('x', 65) })
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => _host.Snapshots.CreateAsync("docs", bad, false, _ct));
            Assert.Contains(ResourceName.Rule, error.Message, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(_host.Layout.ShareSnapshotsDirectory("pool1", "docs")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_btrfs_failure_reaches_the_caller_with_btrfs_s_own_words_and_leaves_nothing_behind()
    {
        var pool = await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);
        Sandbox.Run("mount", "-o", "remount,ro", pool.MountPoint);
        try
        {
            var error = await Assert.ThrowsAsync<StorageCommandException>(() => _host.Shares.CreateAsync("pool1", "more", _ct));

            Assert.Contains("Read-only file system", error.StandardError, StringComparison.Ordinal);
            Assert.Contains(error.StandardError.Trim(), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Sandbox.Run("mount", "-o", "remount,rw", pool.MountPoint);
        }

        Assert.Equal(["docs"], (await _host.Shares.ListAsync(_ct)).Select(s => s.Share.Name));
        Assert.False(Directory.Exists(_host.Layout.SharePath("pool1", "more")));
        Assert.True(Directory.Exists(share.Path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Snapshots_are_listed_in_pages_with_a_total()
    {
        await _host.CreateImagePoolAsync();
        await _host.Shares.CreateAsync("pool1", "docs", _ct);
        for (var i = 0; i < 7; i++)
        {
            await _host.Snapshots.CreateAsync("docs", $"s{i}", false, _ct);
        }

        var page = await _host.Snapshots.ListAsync(new SnapshotQuery(Sort: SnapshotSort.Name, Descending: true, Skip: 2, Take: 3), _ct);

        Assert.Equal(7, page.Total);
        Assert.Equal(["s4", "s3", "s2"], page.Items.Select(s => s.Name));
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Share "docs" whose a.txt says "version 2", with snapshot "s1" taken when it said "version 1".</summary>
    private async Task<Domain.Shares.ShareView> ShareWithSnapshotOfVersion1Async()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);
        await File.WriteAllTextAsync(Path.Combine(share.Path, "a.txt"), "version 1", _ct);
        await _host.Snapshots.CreateAsync("docs", "s1", false, _ct);
        await File.WriteAllTextAsync(Path.Combine(share.Path, "a.txt"), "version 2", _ct);
        return share;
    }
}
