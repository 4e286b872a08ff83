using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class UserRepository(RockstorDatabase db) : IUserRepository
{
    public bool Any() => db.Users.Count() > 0;

    public AdminUser? Find(string username) => db.Users.FindById(username) is { } d
        ? new AdminUser { Username = d.Username, PasswordHash = d.PasswordHash, CreatedAt = PoolRepository.Utc(d.CreatedAt) }
        : null;

    public void Add(AdminUser user) => db.Users.Insert(new UserDocument
    {
        Username = user.Username,
        PasswordHash = user.PasswordHash,
        CreatedAt = user.CreatedAt.UtcDateTime,
    });
}

internal sealed class ApplianceStore(RockstorDatabase db) : IApplianceStore
{
    public ApplianceInfo? Get() => db.Appliance.FindById(1) is { } d ? new ApplianceInfo { Id = d.Id, Hostname = d.Hostname } : null;

    public void Save(ApplianceInfo appliance) => db.Appliance.Upsert(new ApplianceDocument { Id = appliance.Id, Hostname = appliance.Hostname });
}
