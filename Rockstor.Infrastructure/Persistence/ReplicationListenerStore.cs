using Microsoft.Extensions.Options;
using Rockstor.Domain.Replication.Listening;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>Where the admin put the replication listener; until then all addresses and the configured port, so existing installs keep theirs.</summary>
internal sealed class ReplicationListenerStore(RockstorDatabase db, IOptions<RockstorOptions> options) : IReplicationListenerStore
{
    public ReplicationListenerSettings Load() => db.ReplicationListener.FindById(1) is { } d
        ? new ReplicationListenerSettings(d.ListenAddress, d.Port ?? options.Value.ReplicationPort)
        : new ReplicationListenerSettings(null, options.Value.ReplicationPort);

    public void Save(ReplicationListenerSettings settings) =>
        db.ReplicationListener.Upsert(new ReplicationListenerDocument { ListenAddress = settings.ListenAddress, Port = settings.Port });
}
