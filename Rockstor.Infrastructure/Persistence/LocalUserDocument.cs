using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class LocalUserDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    public int Uid { get; set; }

    public string PrimaryGroup { get; set; } = "";

    public bool OwnGroup { get; set; }

    public string? FullName { get; set; }

    public string? Shell { get; set; }

    public string? PublicKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
