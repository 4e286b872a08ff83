using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>The last id a sequence gave.</summary>
internal sealed class SequenceDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    public int Last { get; set; }
}
