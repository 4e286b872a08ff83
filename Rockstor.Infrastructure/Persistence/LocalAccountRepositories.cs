using Rockstor.Domain.Users;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class LocalUserRepository(RockstorDatabase db) : ILocalUserRepository
{
    public IReadOnlyList<LocalUser> List() => db.LocalUsers.FindAll().Select(ToUser).ToList();

    public LocalUser? Find(string name) => db.LocalUsers.FindById(name) is { } d ? ToUser(d) : null;

    public void Add(LocalUser user) => db.LocalUsers.Insert(ToDocument(user));

    public void Update(LocalUser user) => db.LocalUsers.Update(ToDocument(user));

    public void Remove(string name) => db.LocalUsers.Delete(name);

    private static LocalUserDocument ToDocument(LocalUser user) => new()
    {
        Name = user.Name,
        Uid = user.Uid,
        PrimaryGroup = user.PrimaryGroup,
        OwnGroup = user.OwnGroup,
        FullName = user.FullName,
        Shell = user.Shell,
        PublicKey = user.PublicKey,
        CreatedAt = user.CreatedAt.UtcDateTime,
    };

    internal static LocalUser ToUser(LocalUserDocument d) => new()
    {
        Name = d.Name,
        Uid = d.Uid,
        PrimaryGroup = d.PrimaryGroup,
        OwnGroup = d.OwnGroup,
        FullName = d.FullName,
        Shell = d.Shell,
        PublicKey = d.PublicKey,
        CreatedAt = PoolRepository.Utc(d.CreatedAt),
    };
}

internal sealed class LocalGroupRepository(RockstorDatabase db) : ILocalGroupRepository
{
    public IReadOnlyList<LocalGroup> List() => db.LocalGroups.FindAll().Select(ToGroup).ToList();

    public LocalGroup? Find(string name) => db.LocalGroups.FindById(name) is { } d ? ToGroup(d) : null;

    public void Add(LocalGroup group) => db.LocalGroups.Insert(new LocalGroupDocument
    {
        Name = group.Name,
        Gid = group.Gid,
        CreatedAt = group.CreatedAt.UtcDateTime,
    });

    public void Remove(string name) => db.LocalGroups.Delete(name);

    internal static LocalGroup ToGroup(LocalGroupDocument d) => new() { Name = d.Name, Gid = d.Gid, CreatedAt = PoolRepository.Utc(d.CreatedAt) };
}
