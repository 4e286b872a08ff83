namespace Rockstor.Domain.Replication.Tasks;

public interface IReplicationTaskRepository
{
    IReadOnlyList<ReplicationTask> List();

    ReplicationTask? Find(int id);

    /// <summary>Adds the task (giving it its id) or replaces it.</summary>
    void Save(ReplicationTask task);

    void Remove(int id);
}
