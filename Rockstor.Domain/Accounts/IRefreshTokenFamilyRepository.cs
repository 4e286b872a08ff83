namespace Rockstor.Domain.Accounts;

public interface IRefreshTokenFamilyRepository
{
    RefreshTokenFamily? Find(string id);

    void Save(RefreshTokenFamily family);

    void Remove(string id);

    void RemoveAll();

    void RemoveExpired(DateTimeOffset now);
}
