using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class ReplicationListenerDocument
{
    /// <summary>Always 1: one set of settings.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    /// <summary>Null: all addresses.</summary>
    public string? ListenAddress { get; set; }

    /// <summary>Null: the configured port (<see cref="RockstorOptions.ReplicationPort"/>).</summary>
    public int? Port { get; set; }
}
