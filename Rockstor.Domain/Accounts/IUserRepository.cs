namespace Rockstor.Domain.Accounts;

public interface IUserRepository
{
    bool Any();

    AdminUser? Find(string username);

    void Add(AdminUser user);
}
