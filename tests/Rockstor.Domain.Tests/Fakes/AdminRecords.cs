using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The web-ui's admin accounts: one, named "admin", whose password is <see cref="Password"/>.</summary>
public sealed class AdminRecords : IUserRepository, IAdminCredentials
{
    public const string Password = "admin-password";

    public bool AreValid(string? username, string? password) => username == "admin" && password == Password;

    private readonly List<AdminUser> _admins = [new AdminUser { Username = "admin", PasswordHash = "hash", CreatedAt = DateTimeOffset.UnixEpoch }];

    public bool Any() => _admins.Count > 0;

    public AdminUser? Find(string username) => _admins.FirstOrDefault(a => a.Username == username);

    public void Add(AdminUser user) => _admins.Add(user);

    public void Update(AdminUser user) => _admins[_admins.FindIndex(a => a.Username == user.Username)] = user;
}
