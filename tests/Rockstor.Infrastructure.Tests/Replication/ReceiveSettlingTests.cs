using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Snapshots;
using Rockstor.Testing;
using Rockstor.Domain.Replication;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>What the destination finds at start-up after a crash in the middle of receives, on real btrfs.</summary>
public sealed class ReceiveSettlingTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public ReceiveSettlingTests() => _ct = _host.Lifetime;

    [Fact(Timeout = 120_000)]
    public async Task A_finished_receive_the_crash_kept_from_the_store_is_recorded_and_an_unfinished_one_is_deleted()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "docs", _ct);
        await File.WriteAllTextAsync(Path.Combine(share.Path, "a.txt"), "kept", _ct);
        var sent = await _host.Snapshots.CreateAsync("docs", "replication-1-20261124T120000000Z", writable: false, _ct);
        _host.Get<IIncomingReplicaRepository>().Save(new IncomingReplica
        {
            SenderApplianceId = "0f3a",
            SenderTaskId = 1,
            SourceShare = "docs",
            ReplicaShare = "0f3a_docs",
            Pool = "pool1",
        });
        var folder = _host.Layout.ShareSnapshotsDirectory("pool1", "0f3a_docs");
        Directory.CreateDirectory(folder);

        // btrfs receive finished, then the crash came before the snapshot was recorded; another receive
        // was cut (btrfs receive makes its subvolume writable and sets the received uuid last).
        Sandbox.Run("bash", "-c", $"btrfs send -q '{sent.Path}' | btrfs receive -q '{folder}'");
        Sandbox.Run("btrfs", "subvolume", "create", Path.Combine(folder, "replication-1-20261124T130000000Z"));
        Assert.Empty(_host.Get<ISnapshotRepository>().ListForShare("0f3a_docs"));

        await _host.Get<ReplicationRecovery>().DiscardUnfinishedReceivesAsync(_ct);

        var recorded = Assert.Single(_host.Get<ISnapshotRepository>().ListForShare("0f3a_docs"));
        Assert.Equal(("replication-1-20261124T120000000Z", sent.Uuid, true), (recorded.Name, recorded.ReceivedUuid, recorded.ReadOnly));
        Assert.Equal(["replication-1-20261124T120000000Z"], Directory.EnumerateDirectories(folder).Select(Path.GetFileName));
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(recorded.Path, "a.txt"), _ct));
    }

    public void Dispose() => _host.Dispose();
}
