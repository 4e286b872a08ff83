using LiteDB;
using Rockstor.Domain.Shares;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Configuration;

/// <summary>The shares a configuration import brought, as the store kept them, until their pool is imported (ADR-039).</summary>
internal sealed class AwaitedShares(RockstorDatabase db) : IAwaitedShares
{
    public const string CollectionName = ConfigurationCollections.AwaitedShares;

    private ILiteCollection<ShareDocument> Collection => db.Database.GetCollection<ShareDocument>(CollectionName);

    public Share? Find(string name, string uuid) =>
        uuid.Length > 0 && Collection.FindById(name) is { } d && string.Equals(d.Uuid, uuid, StringComparison.OrdinalIgnoreCase) ? ShareRepository.ToShare(d) : null;

    public bool Awaits(string name) => Collection.Exists(Query.EQ("_id", name));

    public void Forget(string name) => Collection.Delete(name);
}
