using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class LocalGroupDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    public int Gid { get; set; }

    public DateTime CreatedAt { get; set; }
}
