using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Listening;

/// <summary>A peer's announced replication port changes its own record and our tasks to it, nothing else.</summary>
public sealed class PeerReplicationPortTests
{
    private readonly PairedAppliances _paired = new();
    private readonly StorageRecords _tasks = new();
    private readonly PeerReplicationPort _ports;

    public PeerReplicationPortTests() => _ports = new PeerReplicationPort(_paired, _tasks);

    private int PortOf(ReplicationTask task) => ((IReplicationTaskRepository)_tasks).Find(task.Id)!.Port;

    [Fact]
    public void A_peer_changes_only_its_own_record_and_only_its_tasks_that_used_the_old_port()
    {
        _paired.Add("aaaa1111", "nas-a");
        _paired.Add("bbbb2222", "nas-b");
        var toA = _tasks.AddTask("docs", "aaaa1111");
        var toB = _tasks.AddTask("docs", "bbbb2222");
        var toBThroughNat = _tasks.ChangeTask(_tasks.AddTask("media", "bbbb2222").Id, t => t.Port = 40002);

        var moved = _ports.Record("bbbb2222", 10100);

        Assert.Equal(1, moved);
        Assert.Equal(10100, _paired.Find("bbbb2222")!.ReplicationPort);
        Assert.Equal(10002, _paired.Find("aaaa1111")!.ReplicationPort);
        Assert.Equal(10100, PortOf(toB));
        Assert.Equal(10002, PortOf(toA));
        Assert.Equal(40002, PortOf(toBThroughNat));
    }

    [Fact]
    public void A_peer_whose_removal_is_pending_cannot_change_its_port()
    {
        _paired.Add("bbbb2222", "nas-b").State = PairingState.RemovalPending;
        var toB = _tasks.AddTask("docs", "bbbb2222");

        Assert.Throws<NotFoundException>(() => _ports.Record("bbbb2222", 10100));

        Assert.Equal(10002, _paired.Find("bbbb2222")!.ReplicationPort);
        Assert.Equal(10002, PortOf(toB));
    }
}
