namespace Rockstor.Domain.Replication.Listening;

/// <summary>The Replication service's stored settings; a store that holds none answers all addresses and the configured port.</summary>
public interface IReplicationListenerStore
{
    ReplicationListenerSettings Load();

    void Save(ReplicationListenerSettings settings);
}
