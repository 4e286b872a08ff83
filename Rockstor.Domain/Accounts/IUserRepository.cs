namespace Rockstor.Domain.Accounts;

public interface IUserRepository
{
    bool Any();

    AdminUser? Find(string username);

    void Add(AdminUser user);

    /// <summary>Saves the password hash and security stamp of an existing user.</summary>
    void Update(AdminUser user);
}
