using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Pools, shares and replication tasks as records only, in lists.</summary>
public sealed class StorageRecords : IPoolRepository, IShareRepository, IReplicationTaskRepository
{
    private readonly List<Pool> _pools = [];
    private readonly List<Share> _shares = [];
    private readonly List<ReplicationTask> _tasks = [];

    public void AddPool(string name) =>
        _pools.Add(new Pool { Name = name, RaidLevel = RaidLevel.Single, Devices = [], Uuid = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UnixEpoch });

    public void AddShare(string name, string pool, ShareKind kind = ShareKind.Regular) =>
        _shares.Add(new Share { Name = name, Pool = pool, Uuid = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UnixEpoch, Kind = kind });

    public void AddTask(string share, string targetApplianceId) => _tasks.Add(new ReplicationTask
    {
        Id = _tasks.Count + 1,
        Share = share,
        TargetApplianceId = targetApplianceId,
        TargetPool = "tank",
        FrequencyMinutes = 60,
        Port = 10002,
        Keep = 5,
        Enabled = true,
        CreatedAt = DateTimeOffset.UnixEpoch,
    });

    IReadOnlyList<Pool> IPoolRepository.List() => _pools;

    Pool? IPoolRepository.Find(string name) => _pools.FirstOrDefault(p => p.Name == name);

    void IPoolRepository.Add(Pool pool) => _pools.Add(pool);

    void IPoolRepository.Remove(string name) => _pools.RemoveAll(p => p.Name == name);

    IReadOnlyList<Share> IShareRepository.List() => _shares;

    public IReadOnlyList<Share> ListInPool(string pool) => _shares.Where(s => s.Pool == pool).ToList();

    Share? IShareRepository.Find(string name) => _shares.FirstOrDefault(s => s.Name == name);

    void IShareRepository.Add(Share share) => _shares.Add(share);

    void IShareRepository.Remove(string name) => _shares.RemoveAll(s => s.Name == name);

    IReadOnlyList<ReplicationTask> IReplicationTaskRepository.List() => _tasks;

    ReplicationTask? IReplicationTaskRepository.Find(int id) => _tasks.FirstOrDefault(t => t.Id == id);

    void IReplicationTaskRepository.Save(ReplicationTask task) => throw new NotSupportedException();

    void IReplicationTaskRepository.Remove(int id) => throw new NotSupportedException();
}
