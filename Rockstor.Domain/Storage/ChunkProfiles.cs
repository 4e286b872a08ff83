namespace Rockstor.Domain.Storage;

/// <summary>
/// The raid profiles the pool's chunks have now (from <c>btrfs filesystem df</c>): one each for data and
/// metadata normally, two while a conversion is under way or after one stopped half-way.
/// </summary>
public sealed record ChunkProfiles(IReadOnlyList<string> Data, IReadOnlyList<string> Metadata)
{
    public bool Mixed => Data.Count > 1 || Metadata.Count > 1;
}
