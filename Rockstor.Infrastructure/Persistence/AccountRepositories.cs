using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class UserRepository(RockstorDatabase db) : IUserRepository
{
    public bool Any() => db.Users.Count() > 0;

    public AdminUser? Find(string username) => db.Users.FindById(username) is { } d
        ? new AdminUser { Username = d.Username, PasswordHash = d.PasswordHash, CreatedAt = PoolRepository.Utc(d.CreatedAt), SecurityStamp = d.SecurityStamp ?? "" }
        : null;

    public void Add(AdminUser user) => db.Users.Insert(ToDocument(user));

    public void Update(AdminUser user)
    {
        if (!db.Users.Update(ToDocument(user)))
        {
            throw new InvalidOperationException($"There is no user '{user.Username}' to update.");
        }
    }

    private static UserDocument ToDocument(AdminUser user) => new()
    {
        Username = user.Username,
        PasswordHash = user.PasswordHash,
        CreatedAt = user.CreatedAt.UtcDateTime,
        SecurityStamp = user.SecurityStamp,
    };
}

/// <summary>Refresh-token families: one small document per token login, pruned once past its absolute end.</summary>
internal sealed class RefreshTokenFamilyRepository(RockstorDatabase db) : IRefreshTokenFamilyRepository
{
    public RefreshTokenFamily? Find(string id) => db.RefreshTokenFamilies.FindById(id) is { } d
        ? new RefreshTokenFamily { Id = d.Id, Username = d.Username, Generation = d.Generation, ExpiresAt = PoolRepository.Utc(d.ExpiresAt) }
        : null;

    public void Save(RefreshTokenFamily family) => db.RefreshTokenFamilies.Upsert(new RefreshTokenFamilyDocument
    {
        Id = family.Id,
        Username = family.Username,
        Generation = family.Generation,
        ExpiresAt = family.ExpiresAt.UtcDateTime,
    });

    public void Remove(string id) => db.RefreshTokenFamilies.Delete(id);

    public void RemoveAll() => db.RefreshTokenFamilies.DeleteAll();

    public void RemoveExpired(DateTimeOffset now)
    {
        var cutoff = now.UtcDateTime;
        db.RefreshTokenFamilies.DeleteMany(f => f.ExpiresAt <= cutoff);
    }
}

internal sealed class ApplianceStore(RockstorDatabase db) : IApplianceStore
{
    public ApplianceInfo? Get() => db.Appliance.FindById(1) is { } d ? new ApplianceInfo { Id = d.Id, Hostname = d.Hostname } : null;

    public void Save(ApplianceInfo appliance) => db.Appliance.Upsert(new ApplianceDocument { Id = appliance.Id, Hostname = appliance.Hostname });
}
