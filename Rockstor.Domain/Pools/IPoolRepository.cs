namespace Rockstor.Domain.Pools;

public interface IPoolRepository
{
    IReadOnlyList<Pool> List();

    Pool? Find(string name);

    void Add(Pool pool);

    void Remove(string name);

    /// <summary>
    /// Changes the pool's record as <paramref name="change"/> says, reading and writing it as one step:
    /// two writers that each change a field of their own (the poller the devices, the admin the mount
    /// options) never undo each other. Returns the record as written, or null when there is no such pool.
    /// </summary>
    Pool? Change(string name, Func<Pool, Pool> change);
}
