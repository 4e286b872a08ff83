using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class ReceiveSettingsDocument
{
    [BsonId]
    public int Id { get; set; } = 1;

    public int ProtectionDays { get; set; }
}
