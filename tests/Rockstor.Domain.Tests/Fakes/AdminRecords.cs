using Rockstor.Domain.Accounts;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The web-ui's admin accounts: one, named "admin".</summary>
public sealed class AdminRecords : IUserRepository
{
    private readonly List<AdminUser> _admins = [new AdminUser { Username = "admin", PasswordHash = "hash", CreatedAt = DateTimeOffset.UnixEpoch }];

    public bool Any() => _admins.Count > 0;

    public AdminUser? Find(string username) => _admins.FirstOrDefault(a => a.Username == username);

    public void Add(AdminUser user) => _admins.Add(user);

    public void Update(AdminUser user) => _admins[_admins.FindIndex(a => a.Username == user.Username)] = user;
}
