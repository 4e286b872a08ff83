using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Pools, shares and replication tasks as records only, in lists; a task read is a copy, as a store's is.</summary>
public sealed class StorageRecords : IPoolRepository, IShareRepository, IReplicationTaskRepository
{
    private readonly List<Pool> _pools = [];
    private readonly List<Share> _shares = [];
    private readonly List<ReplicationTask> _tasks = [];

    public void AddPool(string name) =>
        _pools.Add(new Pool { Name = name, RaidLevel = RaidLevel.Single, Devices = [], Uuid = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UnixEpoch });

    public void AddShare(string name, string pool, ShareKind kind = ShareKind.Regular) =>
        _shares.Add(new Share { Name = name, Pool = pool, Uuid = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UnixEpoch, Kind = kind });

    public ReplicationTask AddTask(string share, string targetApplianceId, int keep = 5, DateTimeOffset? createdAt = null)
    {
        var task = new ReplicationTask
        {
            Id = _tasks.Count == 0 ? 1 : _tasks.Max(t => t.Id) + 1,
            Share = share,
            TargetApplianceId = targetApplianceId,
            TargetPool = "tank",
            FrequencyMinutes = 60,
            Port = 10002,
            Retention = RetentionPolicy.KeepLast(keep),
            Enabled = true,
            CreatedAt = createdAt ?? DateTimeOffset.UnixEpoch,
        };
        _tasks.Add(task);
        return Copy(task);
    }

    /// <summary>Changes the stored task (as the task service would).</summary>
    public ReplicationTask ChangeTask(int id, Action<ReplicationTask> change)
    {
        var task = _tasks.Single(t => t.Id == id);
        change(task);
        return Copy(task);
    }

    IReadOnlyList<Pool> IPoolRepository.List() => _pools;

    Pool? IPoolRepository.Find(string name) => _pools.FirstOrDefault(p => p.Name == name);

    void IPoolRepository.Add(Pool pool) => _pools.Add(pool);

    void IPoolRepository.Remove(string name) => _pools.RemoveAll(p => p.Name == name);

    Pool? IPoolRepository.Change(string name, Func<Pool, Pool> change)
    {
        var at = _pools.FindIndex(p => p.Name == name);
        return at < 0 ? null : _pools[at] = change(_pools[at]);
    }

    IReadOnlyList<Share> IShareRepository.List() => _shares;

    public IReadOnlyList<Share> ListInPool(string pool) => _shares.Where(s => s.Pool == pool).ToList();

    Share? IShareRepository.Find(string name) => _shares.FirstOrDefault(s => s.Name == name);

    void IShareRepository.Add(Share share) => _shares.Add(share);

    void IShareRepository.Update(Share share)
    {
        var at = _shares.FindIndex(s => s.Name == share.Name);
        _shares[at] = share;
    }

    void IShareRepository.Remove(string name) => _shares.RemoveAll(s => s.Name == name);

    IReadOnlyList<ReplicationTask> IReplicationTaskRepository.List() => _tasks.Select(Copy).ToList();

    ReplicationTask? IReplicationTaskRepository.Find(int id) => _tasks.FirstOrDefault(t => t.Id == id) is { } found ? Copy(found) : null;

    void IReplicationTaskRepository.Save(ReplicationTask task)
    {
        _tasks.RemoveAll(t => t.Id == task.Id);
        _tasks.Add(Copy(task));
    }

    void IReplicationTaskRepository.Remove(int id) => _tasks.RemoveAll(t => t.Id == id);

    private static ReplicationTask Copy(ReplicationTask t) => new()
    {
        Id = t.Id,
        Share = t.Share,
        TargetApplianceId = t.TargetApplianceId,
        TargetPool = t.TargetPool,
        FrequencyMinutes = t.FrequencyMinutes,
        Cron = t.Cron,
        Port = t.Port,
        Retention = t.Retention,
        DestinationRetention = t.DestinationRetention,
        Enabled = t.Enabled,
        Compression = t.Compression,
        BandwidthLimitMBps = t.BandwidthLimitMBps,
        Resumable = t.Resumable,
        Window = t.Window,
        Diverged = t.Diverged,
        ReseedRequested = t.ReseedRequested,
        CreatedAt = t.CreatedAt,
    };
}
